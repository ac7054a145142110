package dev.parley.conversation.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.conversation.domain.PageContextNormalizer;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Redacts text and page facts through compliance-service before anything is stored. Fails closed: when compliance
 * cannot answer, the caller gets a 503 problem and nothing is stored. Timeout, retry and circuit breaker limits are
 * configuration ({@code quarkus.fault-tolerance."dev.parley.conversation.client.Redactor".*}).
 */
@ApplicationScoped
public class Redactor {

    private static final String UNAVAILABLE = "PII redaction is unavailable, so nothing was stored. Try again shortly.";

    private final ComplianceApi compliance;

    public Redactor(@RestClient ComplianceApi compliance) {
        this.compliance = compliance;
    }

    /** {@code text} with every finding replaced by its type, such as {@code [EMAIL]}. */
    @Timeout
    @Retry
    @CircuitBreaker
    @Fallback(fallbackMethod = "textUnavailable")
    public Uni<String> redact(String text) {
        return compliance.scrub(new ComplianceApi.ScrubRequest(text, "redact")).map(ComplianceApi.ScrubResponse::text);
    }

    /**
     * The facts with every finding in a key or value replaced by its type. A value with a finding becomes text; a key
     * with one is renamed (and a renamed key that collides keeps the later fact).
     */
    @Timeout
    @Retry
    @CircuitBreaker
    @Fallback(fallbackMethod = "factsUnavailable")
    public Uni<SortedMap<String, Object>> redactFacts(SortedMap<String, Object> facts) {
        if (facts.isEmpty()) {
            return Uni.createFrom().item(facts);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        Map<String, String> keyByPath = new HashMap<>();
        int[] position = {0};
        facts.forEach((key, value) -> {
            keyByPath.put(path(key), key);
            // a key that holds a finding comes back named by its position, never by itself
            keyByPath.put("$[#" + position[0]++ + "]", key);
            switch (value) {
                case BigDecimal number -> json.put(key, number);
                case Boolean flag -> json.put(key, flag);
                default -> json.put(key, value.toString());
            }
        });
        return compliance.scanPayload(new ComplianceApi.PayloadRequest(json))
                .map(response -> apply(facts, keyByPath, response.findings()));
    }

    Uni<String> textUnavailable(String text) {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }

    Uni<SortedMap<String, Object>> factsUnavailable(SortedMap<String, Object> facts) {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }

    /** The JSON path compliance-service names a top-level key by. */
    private static String path(String key) {
        return "$['" + key.replace("'", "\\'") + "']";
    }

    private static SortedMap<String, Object> apply(SortedMap<String, Object> facts, Map<String, String> keyByPath,
            List<ComplianceApi.PathFinding> findings) {
        Map<String, List<ComplianceApi.PathFinding>> inValues = new HashMap<>();
        Map<String, List<ComplianceApi.PathFinding>> inKeys = new HashMap<>();
        for (ComplianceApi.PathFinding finding : findings) {
            boolean isKey = finding.path().endsWith(".key");
            String key = keyByPath.get(isKey ? finding.path().substring(0, finding.path().length() - 4) : finding.path());
            if (key == null) {
                throw new IllegalStateException("compliance-service named a path that was not sent");
            }
            (isKey ? inKeys : inValues).computeIfAbsent(key, k -> new ArrayList<>()).add(finding);
        }
        SortedMap<String, Object> redacted = new TreeMap<>();
        facts.forEach((key, value) -> {
            Object kept = inValues.containsKey(key)
                    ? replace(PageContextNormalizer.text(value), inValues.get(key)) : value;
            redacted.put(inKeys.containsKey(key) ? replace(key, inKeys.get(key)) : key, kept);
        });
        return redacted;
    }

    /** {@code text} with the findings' spans replaced by {@code [TYPE]}, from the end so offsets stay valid. */
    static String replace(String text, List<ComplianceApi.PathFinding> findings) {
        StringBuilder out = new StringBuilder(text);
        findings.stream().sorted(Comparator.comparingInt(ComplianceApi.PathFinding::start).reversed())
                .forEach(f -> out.replace(f.start(), f.end(), "[" + f.type() + "]"));
        return out.toString();
    }
}
