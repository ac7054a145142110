package dev.parley.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventEnvelopeTest {

    private final AuditEvent audit = new AuditEvent(UuidV7.next(), Instant.parse("2026-11-21T10:15:30Z"),
            "conversation", "a".repeat(64), "b".repeat(64), "conversation.created", "conversation",
            UUID.randomUUID().toString(), AuditEvent.Outcome.SUCCESS, "req-1",
            dev.parley.contracts.audit.AuditDetails.builder().count("messages", 2).flag("paged", true).code("model", "gpt-4o-mini").build());

    @Test
    void structuredJsonCarriesTheRequiredAttributes() throws Exception {
        CloudEvent event = CloudEventEnvelope.wrap(audit.eventId(), Topics.AUDIT, audit.action(), audit.service(),
                audit.occurredAt(), audit.tenantHash(), audit.requestId(), audit);

        JsonNode json = new ObjectMapper().readTree(CloudEventEnvelope.serialize(event));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo(audit.eventId().toString());
        assertThat(json.get("type").asText()).isEqualTo("dev.parley.audit.conversation.created");
        assertThat(json.get("source").asText()).isEqualTo("/parley/conversation");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-21T10:15:30Z");
        assertThat(json.get("partitionkey").asText()).isEqualTo(audit.tenantHash());
        assertThat(json.get("requestid").asText()).isEqualTo("req-1");
        assertThat(json.get("data").get("outcome").asText()).isEqualTo("success");
        assertThat(json.get("data").get("occurredAt").asText()).isEqualTo("2026-11-21T10:15:30Z");
    }

    @Test
    void roundTripsTheAuditEvent() {
        CloudEvent event = CloudEventEnvelope.wrap(audit.eventId(), Topics.AUDIT, audit.action(), audit.service(),
                audit.occurredAt(), audit.tenantHash(), null, audit);

        CloudEvent read = CloudEventEnvelope.deserialize(CloudEventEnvelope.serialize(event));

        assertThat(read.getExtension(CloudEventEnvelope.REQUEST_ID)).isNull();
        assertThat(CloudEventEnvelope.data(read, AuditEvent.class)).isEqualTo(audit);
    }
}
