package dev.parley.audit.domain;

import java.time.Instant;

/** A signed statement that a tenant's chain had {@code hash} at {@code seq}. */
public record Checkpoint(String tenantHash, long seq, String hash, String kid, String mac, Instant createdAt) {}
