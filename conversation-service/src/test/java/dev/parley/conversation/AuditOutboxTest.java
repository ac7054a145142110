package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.audit.AuditOutboxRelay;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transactional outbox with the real database and broker: an event written in a committed transaction reaches
 * the audit topic and leaves the outbox; one written in a rolled-back transaction never exists.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuditOutboxTest {

    @Inject
    AuditOutbox outbox;

    @Inject
    AuditOutboxRelay relay;

    @Inject
    Pool pool;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    private static AuditEvent event() {
        return new AuditEvent(UuidV7.next(), Instant.now(), "conversation", "e".repeat(64), "f".repeat(64),
                "conversation.created", "conversation", UUID.randomUUID().toString(), AuditEvent.Outcome.SUCCESS,
                null, AuditDetails.builder().count("messages", 0).build());
    }

    @Test
    void committedEventsArePublishedAndRolledBackOnesNeverExist() throws Exception {
        AuditEvent committed = event();
        AuditEvent rolledBack = event();
        try (KafkaConsumer<String, byte[]> consumer = TestTopics.tailAudit()) {

            pool.withTransaction(tx -> outbox.add(tx, committed)).await().atMost(Duration.ofSeconds(10));
            // the state change fails, so its audit event must vanish with it
            assertThatThrownBy(() -> pool.withTransaction(tx -> outbox.add(tx, rolledBack)
                            .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("change failed"))))
                    .await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOf(IllegalStateException.class).hasMessage("change failed");
            relay.relayOnce().await().atMost(Duration.ofSeconds(20));

            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 50 && !seen.contains(committed.eventId().toString()); i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // the test topic is shared: other tests' events (other tenants) may pass by
                    String id = CloudEventEnvelope.deserialize(record.value()).getId();
                    if (id.equals(committed.eventId().toString()) || id.equals(rolledBack.eventId().toString())) {
                        assertThat(record.key()).as("keyed by the tenant hash").isEqualTo(committed.tenantHash());
                        seen.add(id);
                    }
                }
            }
            assertThat(seen).contains(committed.eventId().toString()).doesNotContain(rolledBack.eventId().toString());
        }
        long left = pool.preparedQuery("SELECT count(*) FROM audit_outbox WHERE event_id = ANY($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(new UUID[] {committed.eventId(), rolledBack.eventId()}))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(left).as("relayed rows leave the outbox; rolled-back rows were never there").isZero();
    }
}
