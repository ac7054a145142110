package dev.parley.platform.audit;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import io.cloudevents.CloudEvent;
import dev.parley.platform.security.Caller;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The audit event of a state change, written in the same database transaction as the change itself: both commit or
 * neither does. {@link AuditOutboxRelay} publishes it afterwards. For services that own PostgreSQL
 * ({@code parley.audit.outbox=true} at build time, table from {@code db/audit-outbox}).
 *
 * <p>Reactive code adds to a Vert.x {@link SqlConnection}; blocking code that holds a JDBC transaction (bulk loads
 * with {@code COPY}) adds to its {@link Connection}, writing the same row: the same columns and the same Kafka
 * record bytes, so the relay cannot tell the two apart.
 */
@ApplicationScoped
@IfBuildProperty(name = "parley.audit.outbox", stringValue = "true")
public class AuditOutbox {

    private static final String JDBC_INSERT =
            "INSERT INTO audit_outbox (event_id, action, topic, record_key, payload) VALUES (?, ?, ?, ?, ?)";

    private final AuditPublisher publisher;

    public AuditOutbox(AuditPublisher publisher) {
        this.publisher = publisher;
    }

    /** Adds the event of {@code caller}'s action to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        return add(tx, publisher.event(caller, action, resourceType, resourceId, outcome, details));
    }

    /** Adds a prepared event to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, AuditEvent event) {
        ProducerRecord<String, byte[]> record = publisher.record(event);
        return insert(tx, event.eventId(), event.action(), null, record.key(), record.value());
    }

    /**
     * Adds a domain event (a structured CloudEvent keyed by its tenant hash) for {@code topic} to the transaction of
     * {@code tx}; {@code name} labels it in logs.
     */
    public Uni<Void> addEvent(SqlConnection tx, String topic, String name, CloudEvent event) {
        return insert(tx, UUID.fromString(event.getId()), name, topic,
                String.valueOf(event.getExtension(CloudEventEnvelope.PARTITION_KEY)), CloudEventEnvelope.serialize(event));
    }

    /**
     * Adds the event of {@code caller}'s action to the JDBC transaction of {@code tx} (auto-commit off; it commits or
     * rolls back with the change).
     */
    public void add(Connection tx, Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) throws SQLException {
        add(tx, publisher.event(caller, action, resourceType, resourceId, outcome, details));
    }

    /** Adds a prepared event to the JDBC transaction of {@code tx}. */
    public void add(Connection tx, AuditEvent event) throws SQLException {
        ProducerRecord<String, byte[]> record = publisher.record(event);
        insert(tx, event.eventId(), event.action(), null, record.key(), record.value());
    }

    private static void insert(Connection tx, UUID eventId, String action, String topic, String key, byte[] payload)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(JDBC_INSERT)) {
            insert.setObject(1, eventId);
            insert.setString(2, action);
            if (topic == null) {
                insert.setNull(3, Types.VARCHAR);
            } else {
                insert.setString(3, topic);
            }
            insert.setString(4, key);
            insert.setBytes(5, payload);
            insert.executeUpdate();
        }
    }

    private static Uni<Void> insert(SqlConnection tx, UUID eventId, String action, String topic, String key, byte[] payload) {
        return tx.preparedQuery("""
                        INSERT INTO audit_outbox (event_id, action, topic, record_key, payload) VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.tuple(java.util.Arrays.asList(eventId, action, topic, key,
                        io.vertx.core.buffer.Buffer.buffer(payload))))
                .replaceWithVoid();
    }
}
