package dev.parley.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.platform.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The JDBC overload writes what the reactive one writes: the outbox row of an event holds the exact key and bytes
 * of the Kafka record the publisher makes of it, the action, the event id and no topic (the audit topic).
 */
class AuditOutboxJdbcTest {

    /** A publisher that makes records without a broker and remembers the last one. */
    static final class RecordingPublisher extends AuditPublisher {
        ProducerRecord<String, byte[]> last;

        RecordingPublisher() {
            super(null, new SimpleMeterRegistry(), Map.of());
        }

        @Override
        public AuditEvent event(Caller caller, String action, String resourceType, String resourceId,
                AuditEvent.Outcome outcome, AuditDetails details) {
            return new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", caller.tenantHash(), caller.subjectHash(),
                    action, resourceType, resourceId, outcome, "req-1", details);
        }

        @Override
        public ProducerRecord<String, byte[]> record(AuditEvent event) {
            last = new ProducerRecord<>("parley.audit.v1-test", event.tenantHash(), CloudEventEnvelope.serialize(
                    CloudEventEnvelope.wrap(event.eventId(), Topics.AUDIT, event.action(), event.service(),
                            event.occurredAt(), event.tenantHash(), event.requestId(), event)));
            return last;
        }
    }

    /** What a JDBC statement was given: the SQL, each parameter by index, and whether it ran and was closed. */
    static final class Captured {
        String sql;
        final Map<Integer, Object> parameters = new TreeMap<>();
        int executions;
        boolean closed;
    }

    private static Connection connection(List<Captured> statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("prepareStatement")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Captured captured = new Captured();
                    captured.sql = (String) args[0];
                    statements.add(captured);
                    return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                            new Class<?>[] {PreparedStatement.class}, (p, m, a) -> switch (m.getName()) {
                                case "setObject", "setString", "setBytes" -> {
                                    captured.parameters.put((Integer) a[0], a[1]);
                                    yield null;
                                }
                                case "setNull" -> {
                                    captured.parameters.put((Integer) a[0], "NULL:" + a[1]);
                                    yield null;
                                }
                                case "executeUpdate" -> {
                                    captured.executions++;
                                    yield 1;
                                }
                                case "close" -> {
                                    captured.closed = true;
                                    yield null;
                                }
                                default -> throw new UnsupportedOperationException(m.getName());
                            });
                });
    }

    @Test
    void storesThePublishersRecordBytesInTheCallersTransaction() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        AuditOutbox outbox = new AuditOutbox(publisher);
        List<Captured> statements = new ArrayList<>();
        Caller caller = new Caller("a".repeat(64), "alice", "b".repeat(64), Set.of("user"), List.of("ws-1"));

        outbox.add(connection(statements), caller, "upload.accepted", "upload", UUID.randomUUID().toString(),
                AuditEvent.Outcome.SUCCESS, AuditDetails.builder().count("rowsAccepted", 3).build());

        assertThat(statements).hasSize(1);
        Captured insert = statements.get(0);
        assertThat(insert.sql).isEqualTo(
                "INSERT INTO audit_outbox (event_id, action, topic, record_key, payload) VALUES (?, ?, ?, ?, ?)");
        assertThat(insert.executions).isEqualTo(1);
        assertThat(insert.closed).isTrue();
        var event = CloudEventEnvelope.deserialize(publisher.last.value());
        assertThat(insert.parameters).containsEntry(1, UUID.fromString(event.getId()))
                .containsEntry(2, "upload.accepted")
                .containsEntry(3, "NULL:" + Types.VARCHAR)
                .containsEntry(4, publisher.last.key());
        assertThat((byte[]) insert.parameters.get(5)).isEqualTo(publisher.last.value());
        assertThat(publisher.last.key()).isEqualTo(caller.tenantHash());
    }

    @Test
    void aPreparedEventIsStoredAsItIs() throws Exception {
        RecordingPublisher publisher = new RecordingPublisher();
        List<Captured> statements = new ArrayList<>();
        AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", "c".repeat(64), null,
                "upload.accepted", "upload", "u-1", AuditEvent.Outcome.SUCCESS, null, AuditDetails.none());

        new AuditOutbox(publisher).add(connection(statements), event);

        assertThat(statements.get(0).parameters).containsEntry(1, event.eventId()).containsEntry(4, "c".repeat(64));
        assertThat((byte[]) statements.get(0).parameters.get(5)).isEqualTo(publisher.last.value());
    }
}
