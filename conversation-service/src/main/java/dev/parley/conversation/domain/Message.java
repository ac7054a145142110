package dev.parley.conversation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One stored message of a conversation. {@code content} is kept as received: the agent sends text that was already
 * scrubbed, with placeholders where personal data was.
 */
public record Message(UUID id, long seq, String role, String content, JsonNode sources, String model,
        String promptVersion, String confidence, JsonNode usage, Instant createdAt) {

    public static final Set<String> ROLES = Set.of("user", "assistant", "system", "tool");
    public static final Set<String> CONFIDENCES = Set.of("high", "medium", "low");
}
