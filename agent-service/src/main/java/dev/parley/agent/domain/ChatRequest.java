package dev.parley.agent.domain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A chat turn (ARCHITECTURE.md): the user's message, the workspace, the conversation token of an earlier turn, the
 * mode, the page in page mode, the case the chat starts from. {@code confirmActionId}: the id of an action the agent
 * proposed in an earlier turn, which the user confirms with this turn (the message may then be empty).
 */
public record ChatRequest(@Size(max = 100_000) String message,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String workspaceId,
        @Size(max = 2048) String conversationToken,
        @Pattern(regexp = "global|page") String mode,
        JsonNode pageContext,
        @Pattern(regexp = "CASE-[0-9]{6,12}") String caseId,
        @Size(max = 4096) String confirmActionId) {

    public String modeOrDefault() {
        return mode == null ? "global" : mode;
    }
}
