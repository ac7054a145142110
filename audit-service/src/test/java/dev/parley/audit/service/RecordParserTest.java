package dev.parley.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.AuditProducer;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.UuidV7;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordParserTest {

    private final RecordParser parser = new RecordParser(List.of(new DetailsTypeGuard()));

    private static AuditEvent event() {
        return new AuditEvent(UuidV7.next(), Instant.now(), "svc", "a".repeat(64), "b".repeat(64), "x.created", "x",
                "X-1", AuditEvent.Outcome.SUCCESS, "r", AuditDetails.builder().count("n", 2).build());
    }

    @Test
    void acceptsWhatTheProducerWrites() {
        AuditEvent event = event();
        RecordParser.Parsed parsed = parser.parse(CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(),
                Topics.AUDIT, event.action(), "svc", event.occurredAt(), event.tenantHash(), "r", event)));
        assertThat(parsed).isInstanceOfSatisfying(RecordParser.Accepted.class, accepted -> {
            assertThat(accepted.event()).isEqualTo(event);
            assertThat(accepted.masked()).containsExactly(0);
        });
    }

    @Test
    void masksFreeTextThatBypassedTheTypedDetails() {
        UUID id = UuidV7.next();
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("eventId", id.toString());
        data.put("occurredAt", "2026-11-21T10:00:00Z");
        data.put("service", "legacy");
        data.put("tenantHash", "a".repeat(64));
        data.put("action", "x.created");
        data.put("outcome", "success");
        data.put("details", Map.of("note", "Patient John Smith, DOB 03/14/1962", "count", 3, "Bad Key", 1));
        RecordParser.Parsed parsed = parser.parse(CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(id, Topics.AUDIT,
                "x.created", "legacy", Instant.now(), "a".repeat(64), null, data)));
        assertThat(parsed).isInstanceOfSatisfying(RecordParser.Accepted.class, accepted -> {
            assertThat(accepted.masked()).containsExactly(2);
            assertThat(accepted.event().details().asMap()).containsEntry("note", DetailsTypeGuard.MASK)
                    .containsEntry("count", 3L).doesNotContainKey("Bad Key");
            assertThat(accepted.event().details().toString()).doesNotContain("Smith");
        });
    }

    @Test
    void rejectsWhatIsNotAnAuditEvent() {
        assertThat(parser.parse("not json".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RecordParser.Rejected("not a structured CloudEvent"));
        AuditEvent event = event();
        byte[] otherType = CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(), Topics.PIPELINE_RUNS,
                "completed", "svc", Instant.now(), event.tenantHash(), null, event));
        assertThat(parser.parse(otherType)).isEqualTo(new RecordParser.Rejected("not an audit event type"));
        byte[] wrongId = CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(UuidV7.next(), Topics.AUDIT, "x",
                "svc", Instant.now(), event.tenantHash(), null, event));
        assertThat(parser.parse(wrongId)).isEqualTo(new RecordParser.Rejected("event id differs from the CloudEvent id"));
        byte[] incomplete = CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(), Topics.AUDIT, "x",
                "svc", Instant.now(), event.tenantHash(), null, Map.of("eventId", event.eventId().toString())));
        assertThat(parser.parse(incomplete)).isEqualTo(new RecordParser.Rejected("data is not a complete audit event"));
    }

    @Test
    void setsAsideWhatThePostgresColumnsCouldNotHold() {
        AuditEvent base = event();
        AuditEvent withNul = new AuditEvent(base.eventId(), base.occurredAt(), "svc", base.tenantHash(), null,
                "x.created", "x", "X\u0000-1", AuditEvent.Outcome.SUCCESS, null, null);
        AuditEvent tooLong = new AuditEvent(UuidV7.next(), base.occurredAt(), "svc", base.tenantHash(), null,
                "x".repeat(300), "x", null, AuditEvent.Outcome.SUCCESS, null, null);
        AuditEvent farFuture = new AuditEvent(UuidV7.next(), Instant.parse("+20000-01-01T00:00:00Z"), "svc",
                base.tenantHash(), null, "x.created", null, null, AuditEvent.Outcome.SUCCESS, null, null);
        assertThat(parser.parse(wire(withNul))).isEqualTo(new RecordParser.Rejected("resourceId is not a short printable text"));
        assertThat(parser.parse(wire(tooLong))).isEqualTo(new RecordParser.Rejected("action is not a short printable text"));
        assertThat(parser.parse(wire(farFuture))).isEqualTo(new RecordParser.Rejected("occurredAt is out of range"));
    }

    private static byte[] wire(AuditEvent event) {
        return CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(), Topics.AUDIT, "x", "svc",
                Instant.now(), event.tenantHash(), null, event));
    }

    @Test
    void theProducersRecordParsesBack() {
        AuditEvent event = event();
        try (AuditProducer producer = new AuditProducer("127.0.0.1:1", "t", "svc", java.time.Duration.ofSeconds(1), Map.of())) {
            byte[] value = producer.record(event).value();
            assertThat(parser.parse(value)).isInstanceOf(RecordParser.Accepted.class);
        }
    }
}
