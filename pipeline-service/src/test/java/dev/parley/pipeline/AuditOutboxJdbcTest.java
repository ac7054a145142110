package dev.parley.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.audit.AuditOutboxRelay;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox's JDBC overload against the real database and broker: it writes the very row the reactive overload
 * writes for the same event, only a committed row exists, and the relay sends its bytes unchanged.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuditOutboxJdbcTest {

    @Inject
    AuditOutbox outbox;

    @Inject
    AuditOutboxRelay relay;

    @Inject
    AuditPublisher publisher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    private static AuditEvent event() {
        return new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", "e".repeat(64), "f".repeat(64),
                "upload.accepted", "upload", UUID.randomUUID().toString(), AuditEvent.Outcome.SUCCESS, null,
                AuditDetails.builder().count("rowsAccepted", 7).build());
    }

    /** event id, action, topic, key and payload of the row, as text. */
    private static List<String> jdbcRow(Connection connection, UUID id) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id::text, action, topic, record_key, encode(payload, 'hex') FROM audit_outbox WHERE event_id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }
        }
    }

    @Test
    void theJdbcRowIsTheReactiveRow() throws Exception {
        AuditEvent event = event();
        List<String> viaJdbc;
        try (Connection tx = dataSource.getConnection()) {
            tx.setAutoCommit(false);
            outbox.add(tx, event);
            viaJdbc = jdbcRow(tx, event.eventId());
            tx.rollback();
            tx.setAutoCommit(true);
        }
        // the same event through the reactive overload, read and deleted in its transaction (the relay never sees it)
        List<String> viaReactive = pool.withTransaction(tx -> outbox.add(tx, event)
                        .chain(() -> tx.preparedQuery("""
                                SELECT event_id::text, action, topic, record_key, encode(payload, 'hex') AS payload
                                FROM audit_outbox WHERE event_id = $1""").execute(Tuple.of(event.eventId())))
                        .map(rows -> {
                            Row r = rows.iterator().next();
                            return Arrays.asList(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
                        })
                        .call(() -> tx.preparedQuery("DELETE FROM audit_outbox WHERE event_id = $1").execute(Tuple.of(event.eventId()))))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(viaJdbc).isEqualTo(viaReactive);
        assertThat(viaJdbc.get(2)).as("the audit topic").isNull();
        assertThat(viaJdbc.get(4)).isEqualTo(java.util.HexFormat.of().formatHex(publisher.record(event).value()));
    }

    @Test
    void aCommittedJdbcEventIsRelayedByteForByteAndARolledBackOneNeverExists() throws Exception {
        AuditEvent committed = event();
        AuditEvent rolledBack = event();
        try (KafkaConsumer<String, byte[]> consumer = TestTopics.tailAudit()) {
            try (Connection tx = dataSource.getConnection()) {
                tx.setAutoCommit(false);
                outbox.add(tx, committed);
                tx.commit();
                outbox.add(tx, rolledBack);
                tx.rollback();
                tx.setAutoCommit(true);
            }
            relay.relayOnce().await().atMost(Duration.ofSeconds(20));
            byte[] relayed = null;
            boolean sawRolledBack = false;
            for (int i = 0; i < 50 && relayed == null; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = CloudEventEnvelope.deserialize(record.value()).getId();
                    if (id.equals(committed.eventId().toString())) {
                        relayed = record.value();
                        assertThat(record.key()).isEqualTo(committed.tenantHash());
                    }
                    sawRolledBack |= id.equals(rolledBack.eventId().toString());
                }
            }
            assertThat(relayed).isEqualTo(publisher.record(committed).value());
            assertThat(sawRolledBack).isFalse();
        }
        long left = pool.preparedQuery("SELECT count(*) FROM audit_outbox WHERE event_id = ANY($1)")
                .execute(Tuple.of(new UUID[] {committed.eventId(), rolledBack.eventId()}))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(left).isZero();
    }
}
