package dev.parley.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.UuidV7;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PII detector at the audit trail's door, with the real engine at the strict level. */
class PiiIngestGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordParser parser = new RecordParser(List.of(new DetailsTypeGuard(), new PiiIngestGuard(registry)));

    private RecordParser.Accepted parse(AuditEvent event) {
        byte[] value = CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(), Topics.AUDIT,
                "x", "svc", event.occurredAt(), event.tenantHash(), null, event));
        return (RecordParser.Accepted) parser.parse(value);
    }

    @Test
    void idsPassUntouched() {
        AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", "a".repeat(64), "b".repeat(64),
                "case.status.changed", "case", "CASE-000123", AuditEvent.Outcome.SUCCESS, "req-42",
                AuditDetails.builder().code("rule", "RULE-MED-001").code("model", "gpt-4o-mini").count("claims", 3).build());
        RecordParser.Accepted accepted = parse(event);
        assertThat(accepted.event()).isEqualTo(event);
        assertThat(accepted.masked()).containsExactly(0, 0);
        assertThat(registry.counter("audit.pii.violations").count()).isZero();
    }

    @Test
    void personalDataInAnyFreeFieldIsMaskedAndCounted() {
        AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", "a".repeat(64), null,
                "member.updated", "member", "jane.roe@example.org", AuditEvent.Outcome.SUCCESS, "219-45-6789",
                AuditDetails.builder().code("card", "4111-1111-1111-1111").code("caseId", "CASE-000124").build());
        RecordParser.Accepted accepted = parse(event);
        assertThat(accepted.event().resourceId()).isEqualTo(DetailsTypeGuard.MASK);
        assertThat(accepted.event().requestId()).isEqualTo(DetailsTypeGuard.MASK);
        assertThat(accepted.event().details().asMap()).containsEntry("card", DetailsTypeGuard.MASK)
                .containsEntry("caseId", "CASE-000124");
        assertThat(accepted.masked()).containsExactly(0, 3);
        assertThat(registry.counter("audit.pii.violations").count()).isEqualTo(3);
    }
}
