package dev.parley.audit.domain;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of the projection as stored: the event's fields, its place in the tenant's chain and its links. */
public record AuditRecord(long seq, UUID eventId, Instant occurredAt, Instant recordedAt, String service,
        String tenantHash, String actor, String action, String resourceType, String resourceId, String outcome,
        String requestId, Map<String, Object> details, String prevHash, String hash) {

    /**
     * The event this row claims to be, rebuilt from its columns exactly as the ingest built it.
     *
     * @throws IllegalArgumentException when a column no longer holds what an audit event may hold
     */
    public AuditEvent toEvent() {
        AuditEvent.Outcome parsedOutcome = switch (outcome) {
            case "success" -> AuditEvent.Outcome.SUCCESS;
            case "denied" -> AuditEvent.Outcome.DENIED;
            case "error" -> AuditEvent.Outcome.ERROR;
            default -> throw new IllegalArgumentException("unknown outcome");
        };
        return new AuditEvent(eventId, occurredAt, service, tenantHash, actor, action, resourceType, resourceId,
                parsedOutcome, requestId, AuditDetails.of(details));
    }
}
