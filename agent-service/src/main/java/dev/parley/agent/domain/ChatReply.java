package dev.parley.agent.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chat turn's answer (ARCHITECTURE.md), the same body for {@code POST /v1/chat} and the {@code done} event of
 * {@code /v1/chat/stream}. {@code reply} is the user's copy (placeholders restored); the stored copy keeps them.
 * {@code pendingAction}: an action proposed in this turn, which runs only when the user confirms it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatReply(UUID conversationId, String conversationToken, String reply, List<Source> sources,
        String confidence, String intent, List<ToolCall> toolCalls, String model, String promptVersion, TokenUsage usage,
        Validation validation, PendingAction pendingAction, List<String> flaggedIds) {

    /** A tool call of the turn: {@code completed}, {@code failed}, {@code refused}, {@code proposed} or {@code executed}. */
    public record ToolCall(String name, String status) {}

    public record TokenUsage(long promptTokens, long completionTokens, long totalTokens, String counted) {
        public static TokenUsage of(Usage usage) {
            return new TokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage.counted());
        }
    }

    public record PendingAction(String actionId, String tool, String summary, Instant expiresAt) {}
}
