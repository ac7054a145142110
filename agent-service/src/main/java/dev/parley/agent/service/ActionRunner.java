package dev.parley.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.client.CallContext;
import dev.parley.agent.client.Compliance;
import dev.parley.agent.client.Conversations;
import dev.parley.agent.client.Pipeline;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Runs an action the user confirmed, with the user's own token (the owning service checks role, tenant and workspace
 * again). Texts the model wrote with this conversation's placeholders are restored first: the comment or reminder is
 * the user's, the placeholders were only the model's view of it.
 */
@ApplicationScoped
public class ActionRunner {

    private final Pipeline pipeline;
    private final Conversations conversations;
    private final Compliance compliance;

    public ActionRunner(Pipeline pipeline, Conversations conversations, Compliance compliance) {
        this.pipeline = pipeline;
        this.conversations = conversations;
        this.compliance = compliance;
    }

    /** What the user is told once the action ran (in the model's scrubbed form: placeholders stay). */
    public Uni<String> run(CallContext ctx, Caller caller, String workspaceId, UUID conversationId,
            PendingActions.Action action) {
        JsonNode args = action.arguments();
        if (AgentTools.ANALYST_ONLY.contains(action.tool()) && !caller.roles().contains("analyst")
                && !caller.roles().contains("admin")) {
            return Uni.createFrom().failure(new ProblemException(ProblemKind.FORBIDDEN,
                    "This action needs the analyst role."));
        }
        return switch (action.tool()) {
            case AgentTools.UPDATE_STATUS -> pipeline.changeStatus(ctx, workspaceId, args.path("caseId").asText(),
                            args.path("status").asText())
                    .map(updated -> "Done: " + args.path("caseId").asText() + " is now "
                            + args.path("status").asText().replace('_', ' ') + ".");
            case AgentTools.COMMENT -> compliance.detokenize(ctx, args.path("text").asText(), conversationId)
                    .flatMap(text -> pipeline.comment(ctx, workspaceId, args.path("caseId").asText(), text))
                    .map(added -> "Done: your comment is on " + args.path("caseId").asText() + ".");
            case AgentTools.REMINDER -> compliance.detokenize(ctx, args.path("text").asText(), conversationId)
                    .flatMap(text -> conversations.remind(ctx, conversationId,
                            OffsetDateTime.parse(args.path("when").asText()).toInstant(), text))
                    .map(reminder -> "Done: I will remind you at " + reminder.dueAt() + ".");
            case AgentTools.RUN_PIPELINE -> pipeline.runPipeline(ctx, workspaceId)
                    .map(job -> "Done: the pipeline job " + job.path("jobId").asText() + " is queued.");
            default -> Uni.createFrom().failure(new ProblemException(ProblemKind.BAD_REQUEST, "Unknown action."));
        };
    }
}
