package dev.parley.conversation.domain;

import java.time.Instant;
import java.util.UUID;

/** A reminder of a user, optionally about one of their conversations; its text was scrubbed before it was stored. */
public record Reminder(UUID id, UUID conversationId, Instant dueAt, String text, String status, Instant createdAt) {}
