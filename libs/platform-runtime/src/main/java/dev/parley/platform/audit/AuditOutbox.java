package dev.parley.platform.audit;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.RequestIds;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.platform.config.PlatformConfig;
import dev.parley.platform.security.Caller;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.MDC;

/**
 * The audit event of a state change, written in the same database transaction as the change itself: both commit or
 * neither does. {@link AuditOutboxRelay} publishes it afterwards. For services that own PostgreSQL
 * ({@code parley.audit.outbox=true} at build time, table from {@code db/audit-outbox}).
 */
@ApplicationScoped
@IfBuildProperty(name = "parley.audit.outbox", stringValue = "true")
public class AuditOutbox {

    private final AuditPublisher publisher;
    private final PlatformConfig config;

    public AuditOutbox(AuditPublisher publisher, PlatformConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /** Adds the event of {@code caller}'s action to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        return add(tx, new AuditEvent(UuidV7.next(), Instant.now(), config.service(), caller.tenantHash(),
                caller.subjectHash(), action, resourceType, resourceId, outcome,
                requestId == null ? null : requestId.toString(), details));
    }

    /** Adds a prepared event to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, AuditEvent event) {
        ProducerRecord<String, byte[]> record = publisher.record(event);
        return tx.preparedQuery("INSERT INTO audit_outbox (event_id, action, record_key, payload) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(event.eventId(), event.action(), record.key(),
                        io.vertx.core.buffer.Buffer.buffer(record.value())))
                .replaceWithVoid();
    }
}
