package dev.parley.agent.client;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Scrubbing and detokenizing through compliance-service, failing closed: when compliance cannot answer, the turn fails
 * with a 503 problem and nothing reaches the model or the conversation. Limits in configuration
 * ({@code quarkus.fault-tolerance."dev.parley.agent.client.Compliance/<method>".*}).
 */
@ApplicationScoped
public class Compliance {

    static final String UNAVAILABLE = "PII protection is unavailable, so the message was not processed. Try again shortly.";

    private final ComplianceApi api;

    public Compliance(@RestClient ComplianceApi api) {
        this.api = api;
    }

    /**
     * A text with its personal data replaced by this conversation's placeholders ({@code ⟦EMAIL_1⟧}), and what each
     * placeholder of this text stands for (from the text itself: compliance-service never sends originals back). The
     * originals stay in this turn's memory: they are never logged, stored or sent to the model.
     */
    public record Scrubbed(String text, Map<String, String> originals) {}

    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker
    @Fallback(fallbackMethod = "scrubUnavailable")
    public Uni<Scrubbed> scrub(CallContext ctx, String text, UUID conversationId) {
        return ctx.timed(api.scrub(ctx.authorization(), ctx.requestId(), new ComplianceApi.ScrubRequest(text, "tokenize", conversationId.toString())))
                .map(scrubbed -> {
                    Map<String, String> originals = new HashMap<>();
                    if (scrubbed.findings() != null) {
                        for (ComplianceApi.Finding finding : scrubbed.findings()) {
                            if (finding.placeholder() != null && finding.start() >= 0 && finding.end() <= text.length()
                                    && finding.start() < finding.end()) {
                                originals.putIfAbsent(finding.placeholder(), text.substring(finding.start(), finding.end()));
                            }
                        }
                    }
                    return new Scrubbed(scrubbed.text(), Map.copyOf(originals));
                });
    }

    /** {@code text} with this conversation's placeholders restored (for the user's copy only). */
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 50)
    @CircuitBreaker
    @Fallback(fallbackMethod = "detokenizeUnavailable")
    public Uni<String> detokenize(CallContext ctx, String text, UUID conversationId) {
        if (text.indexOf('\u27E6') < 0) {
            return Uni.createFrom().item(text);
        }
        return ctx.timed(api.detokenize(ctx.authorization(), ctx.requestId(), new ComplianceApi.DetokenizeRequest(text, conversationId.toString())))
                .map(ComplianceApi.Restored::text);
    }

    Uni<Scrubbed> scrubUnavailable(CallContext ctx, String text, UUID conversationId) {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }

    Uni<String> detokenizeUnavailable(CallContext ctx, String text, UUID conversationId) {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }
}
