package dev.parley.conversation.domain;

import java.time.Instant;
import java.util.UUID;

/** A conversation's row, without its messages. */
public record Conversation(UUID id, String tenantHash, String owner, String workspaceId, Mode mode, String pageKey,
        String resourceType, String resourceId, String title, String caseId, long lastSeq, Instant createdAt,
        Instant updatedAt, Instant expiresAt) {

    /** Global conversations follow the user; page conversations belong to one page of one resource. */
    public enum Mode {
        GLOBAL, PAGE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Mode of(String wire) {
            return switch (wire) {
                case "global" -> GLOBAL;
                case "page" -> PAGE;
                default -> throw new IllegalArgumentException("unknown mode " + wire);
            };
        }
    }
}
