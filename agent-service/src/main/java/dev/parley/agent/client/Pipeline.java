package dev.parley.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The workspace's data and case actions in pipeline-service. A resource the workspace does not have answers
 * {@link NotFound} (the agent tells the model or the user so); a refusal (403, 400) a {@link ProblemException} of the
 * same kind; an outage, after retries for reads, a 503 problem. Refusals do not count against the circuit breaker.
 * Limits in configuration ({@code quarkus.fault-tolerance."dev.parley.agent.client.Pipeline/<method>".*}).
 */
@ApplicationScoped
public class Pipeline {

    static final String UNAVAILABLE = "The workspace data is unavailable right now. Try again shortly.";

    private final PipelineApi api;

    public Pipeline(@RestClient PipelineApi api) {
        this.api = api;
    }

    /** The workspace has no such case, provider or rule. */
    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(ProblemKind.NOT_FOUND, detail);
        }
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "readUnavailable1", skipOn = ProblemException.class)
    public Uni<JsonNode> stats(CallContext ctx, String workspaceId) {
        return refusals(ctx.timed(api.stats(ctx.authorization(), ctx.requestId(), workspaceId)), "");
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "casesUnavailable", skipOn = ProblemException.class)
    public Uni<JsonNode> cases(CallContext ctx, String workspaceId, String riskLevel, String status, Integer limit) {
        return refusals(ctx.timed(api.cases(ctx.authorization(), ctx.requestId(), workspaceId, riskLevel, status, limit)), "");
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "readUnavailable2", skipOn = ProblemException.class)
    public Uni<JsonNode> caseDetail(CallContext ctx, String workspaceId, String caseId) {
        return refusals(ctx.timed(api.caseDetail(ctx.authorization(), ctx.requestId(), workspaceId, caseId)), "This workspace has no case " + caseId + ".");
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "rulesUnavailable", skipOn = ProblemException.class)
    public Uni<JsonNode> rules(CallContext ctx, String workspaceId, boolean triggeredOnly) {
        return refusals(ctx.timed(api.rules(ctx.authorization(), ctx.requestId(), workspaceId, triggeredOnly)), "");
    }

    @Timeout(5000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "readUnavailable2", skipOn = ProblemException.class)
    public Uni<JsonNode> provider(CallContext ctx, String workspaceId, String npi) {
        return refusals(ctx.timed(api.provider(ctx.authorization(), ctx.requestId(), workspaceId, npi)), "This workspace has no provider with that NPI.");
    }

    /** Changes a case's status (the caller's token must carry the analyst role; pipeline-service checks). */
    @Timeout(5000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "writeUnavailable3", skipOn = ProblemException.class)
    public Uni<JsonNode> changeStatus(CallContext ctx, String workspaceId, String caseId, String status) {
        return refusals(ctx.timed(api.changeStatus(ctx.authorization(), ctx.requestId(), workspaceId, caseId, new PipelineApi.StatusChange(status))),
                "This workspace has no case " + caseId + ".");
    }

    @Timeout(5000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "writeUnavailable3", skipOn = ProblemException.class)
    public Uni<JsonNode> comment(CallContext ctx, String workspaceId, String caseId, String body) {
        return refusals(ctx.timed(api.comment(ctx.authorization(), ctx.requestId(), workspaceId, caseId, new PipelineApi.NewComment(body))),
                "This workspace has no case " + caseId + ".");
    }

    @Timeout(5000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "readUnavailable1", skipOn = ProblemException.class)
    public Uni<JsonNode> runPipeline(CallContext ctx, String workspaceId) {
        return refusals(ctx.timed(api.runPipeline(ctx.authorization(), ctx.requestId(), workspaceId, JsonNodeFactory.instance.objectNode())), "");
    }

    private static Uni<JsonNode> refusals(Uni<JsonNode> call, String notFound) {
        return call.onFailure(Pipeline::refused).transform(failure -> {
            int status = ((WebApplicationException) failure).getResponse().getStatus();
            if (status == 404) {
                return new NotFound(notFound.isEmpty() ? "The workspace has no such resource." : notFound);
            }
            return new ProblemException(ProblemKind.forStatus(status), status == 403
                    ? "The token does not allow this in the workspace." : "The workspace service refused the request.");
        });
    }

    static boolean refused(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }
        return false;
    }

    Uni<JsonNode> readUnavailable1(CallContext ctx, String workspaceId) {
        return unavailable();
    }

    Uni<JsonNode> readUnavailable2(CallContext ctx, String workspaceId, String id) {
        return unavailable();
    }

    Uni<JsonNode> casesUnavailable(CallContext ctx, String workspaceId, String riskLevel, String status, Integer limit) {
        return unavailable();
    }

    Uni<JsonNode> rulesUnavailable(CallContext ctx, String workspaceId, boolean triggeredOnly) {
        return unavailable();
    }

    Uni<JsonNode> writeUnavailable3(CallContext ctx, String workspaceId, String caseId, String value) {
        return unavailable();
    }

    private static Uni<JsonNode> unavailable() {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }
}
