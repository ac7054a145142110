package dev.parley.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** What the agent reads from and writes to conversation-service (the fields it uses of conversation-service's views). */
public final class ConversationViews {

    private ConversationViews() {}

    /** A stored message: the user's in scrubbed form, the assistant's as the model wrote it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageView(long seq, String role, String content, String promptVersion) {}

    /** A message to append. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewMessage(String role, String content, JsonNode sources, String model, String promptVersion,
            String confidence, JsonNode usage) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reminder(UUID reminderId, Instant dueAt, String status) {}
}
