package dev.parley.contracts.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited state change or security decision, as ARCHITECTURE.md defines it.
 *
 * <p>{@code tenantHash} and {@code actor} are keyed hashes, never raw ids. {@code details} carries counts, types,
 * ids and versions only, never message text or a PII value: {@link AuditDetails} cannot hold free text.
 */
public record AuditEvent(
        UUID eventId,
        Instant occurredAt,
        String service,
        String tenantHash,
        String actor,
        String action,
        String resourceType,
        String resourceId,
        Outcome outcome,
        String requestId,
        AuditDetails details) {

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(tenantHash, "tenantHash");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? AuditDetails.none() : details;
    }

    /** How the audited action ended. */
    public enum Outcome {
        SUCCESS("success"),
        DENIED("denied"),
        ERROR("error");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }
}
