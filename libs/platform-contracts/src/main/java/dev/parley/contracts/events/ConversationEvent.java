package dev.parley.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of a {@code parley.conversations.v1} event (type {@code dev.parley.conversation.<name>}): a conversation's
 * lifecycle ({@code created}, {@code deleted}, {@code purged}) or a reminder falling due ({@code reminder.due}).
 * Ids and hashes only: never message or reminder text.
 *
 * @param owner the subject hash of the conversation's or reminder's owner
 * @param reminderId and {@code dueAt} only for reminders
 */
public record ConversationEvent(UUID eventId, Instant occurredAt, String tenantHash, String owner,
        UUID conversationId, String workspaceId, UUID reminderId, Instant dueAt) {}
