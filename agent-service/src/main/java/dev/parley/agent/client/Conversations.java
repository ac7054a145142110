package dev.parley.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The chat's conversation in conversation-service: open or restore it, keep its page context, append each turn.
 * conversation-service's own refusals (404 for a token that is not the caller's, 400, 403, 413) reach the caller as
 * the same problem and do not count against the circuit breaker; when it cannot be reached (after the retries) the
 * turn fails with 503. Limits in configuration
 * ({@code quarkus.fault-tolerance."dev.parley.agent.client.Conversations/<method>".*}).
 */
@ApplicationScoped
public class Conversations {

    static final String UNAVAILABLE = "The conversation store is unavailable. Try again shortly.";

    private final ConversationApi api;

    public Conversations(@RestClient ConversationApi api) {
        this.api = api;
    }

    /** A conversation the turn works in: its id, its newest messages (chat order), its page summary and a fresh token. */
    public record Opened(UUID conversationId, String workspaceId, String mode, List<ConversationViews.MessageView> history,
            String pageSummary, String resourceType, String resourceId, String token) {}

    /** Opens a new conversation (page mode reuses the owner's conversation of that page). */
    @Timeout(3000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "openUnavailable", skipOn = ProblemException.class)
    public Uni<Opened> open(CallContext ctx, String workspaceId, String mode, JsonNode pageContext, String caseId) {
        return ctx.timed(api.open(ctx.authorization(), ctx.requestId(), new ConversationApi.OpenRequest(workspaceId, mode, pageContext, caseId)))
                .map(opened -> new Opened(opened.conversationId(), workspaceId, mode, List.of(),
                        opened.pageContext() == null ? null : opened.pageContext().summary(),
                        opened.pageContext() == null ? null : opened.pageContext().resourceType(),
                        opened.pageContext() == null ? null : opened.pageContext().resourceId(),
                        opened.conversationToken()))
                .onFailure(Conversations::refused).transform(Conversations::problem);
    }

    /** The conversation of a token with its last {@code limit} messages (the page-refresh path). */
    @Timeout(3000)
    @Retry(maxRetries = 1, delay = 50, abortOn = ProblemException.class)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "restoreUnavailable", skipOn = ProblemException.class)
    public Uni<Opened> restore(CallContext ctx, String token, int limit) {
        return ctx.timed(api.restore(ctx.authorization(), ctx.requestId(), limit, new ConversationApi.RestoreRequest(token)))
                .map(restored -> new Opened(restored.conversation().conversationId(),
                        restored.conversation().workspaceId(), restored.conversation().mode(), restored.messages(),
                        restored.pageContext() == null ? null : restored.pageContext().summary(),
                        restored.pageContext() == null ? null : restored.pageContext().resourceType(),
                        restored.pageContext() == null ? null : restored.pageContext().resourceId(),
                        restored.conversationToken()))
                .onFailure(Conversations::refused).transform(Conversations::problem);
    }

    /** Stores the page the chat is on; its redacted summary for the prompt preamble. */
    @Timeout(3000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "pageContextUnavailable", skipOn = ProblemException.class)
    public Uni<String> pageContext(CallContext ctx, UUID conversationId, JsonNode pageContext) {
        return ctx.timed(api.pageContext(ctx.authorization(), ctx.requestId(), conversationId, new ConversationApi.PageContextRequest(pageContext, false)))
                .map(ConversationApi.PageContextChange::summary)
                .onFailure(Conversations::refused).transform(Conversations::problem);
    }

    /** Appends the turn's messages in one call; the fresh token. */
    @Timeout(3000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "appendUnavailable", skipOn = ProblemException.class)
    public Uni<String> append(CallContext ctx, UUID conversationId, String token, List<ConversationViews.NewMessage> messages) {
        return ctx.timed(api.append(ctx.authorization(), ctx.requestId(), conversationId, new ConversationApi.TurnRequest(token, messages)))
                .map(ConversationApi.Appended::conversationToken)
                .onFailure(Conversations::refused).transform(Conversations::problem);
    }

    /** Sets a reminder in the conversation (the reminder text is redacted by conversation-service). */
    @Timeout(3000)
    @CircuitBreaker(skipOn = ProblemException.class)
    @Fallback(fallbackMethod = "remindUnavailable", skipOn = ProblemException.class)
    public Uni<ConversationViews.Reminder> remind(CallContext ctx, UUID conversationId, Instant dueAt, String text) {
        return ctx.timed(api.remind(ctx.authorization(), ctx.requestId(), new ConversationApi.ReminderRequest(conversationId, dueAt, text)))
                .onFailure(Conversations::refused).transform(Conversations::problem);
    }

    Uni<Opened> openUnavailable(CallContext ctx, String workspaceId, String mode, JsonNode pageContext, String caseId) {
        return unavailable();
    }

    Uni<Opened> restoreUnavailable(CallContext ctx, String token, int limit) {
        return unavailable();
    }

    Uni<String> pageContextUnavailable(CallContext ctx, UUID conversationId, JsonNode pageContext) {
        return unavailable();
    }

    Uni<String> appendUnavailable(CallContext ctx, UUID conversationId, String token, List<ConversationViews.NewMessage> messages) {
        return unavailable();
    }

    Uni<ConversationViews.Reminder> remindUnavailable(CallContext ctx, UUID conversationId, Instant dueAt, String text) {
        return unavailable();
    }

    private static <T> Uni<T> unavailable() {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }

    /** Whether conversation-service refused the request itself (4xx): the caller's problem, not an outage. */
    static boolean refused(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            return status >= 400 && status < 500 && status != 401 && status != 408 && status != 429;
        }
        return false;
    }

    /** A refusal of conversation-service as the same problem for the caller. */
    static Throwable problem(Throwable failure) {
        int status = ((WebApplicationException) failure).getResponse().getStatus();
        return new ProblemException(ProblemKind.forStatus(status), status == 404
                ? "No conversation of yours matches this token." : "The conversation service refused the request (" + status + ").");
    }
}
