package dev.parley.platform.audit;

import dev.parley.platform.logging.FailureSummary;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka, oldest first, and deletes them in the same transaction once every send of
 * the batch was acknowledged. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several replicas can relay
 * side by side. If the commit is lost after the sends, the rows are sent again: the projection stores each event id
 * once.
 */
@ApplicationScoped
@IfBuildProperty(name = "parley.audit.outbox", stringValue = "true")
public class AuditOutboxRelay {

    private static final Logger LOG = Logger.getLogger(AuditOutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration EVERY = Duration.ofMillis(200);

    private final Pool pool;
    private final AuditPublisher publisher;
    private final AtomicBoolean busy = new AtomicBoolean();
    private Cancellable ticks;

    public AuditOutboxRelay(Pool pool, AuditPublisher publisher) {
        this.pool = pool;
        this.publisher = publisher;
    }

    void start(@Observes StartupEvent event) {
        ticks = Multi.createFrom().ticks().every(EVERY)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> relayOnce())
                .subscribe().with(relayed -> { }, failure -> LOG.errorf("the audit outbox relay stopped: %s", FailureSummary.withFrames(failure, 8)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.cancel();
        }
    }

    /** One pass, unless the previous one is still running; completes with the number of events relayed. */
    public Uni<Integer> relayOnce() {
        return Uni.createFrom().deferred(() -> {
            if (!busy.compareAndSet(false, true)) {
                return Uni.createFrom().item(0);
            }
            return pool.withTransaction(this::relayBatch)
                    .onFailure().invoke(failure -> LOG.warnf("audit outbox not relayed, will retry: %s", FailureSummary.of(failure)))
                    .onFailure().recoverWithItem(0)
                    .eventually(() -> busy.set(false));
        });
    }

    private Uni<Integer> relayBatch(SqlConnection tx) {
        return tx.preparedQuery("""
                        SELECT id, topic, record_key, payload, action FROM audit_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(BATCH))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        ProducerRecord<String, byte[]> record = publisher.storedRecord(row.getString("topic"),
                                row.getString("record_key"), row.getBuffer("payload").getBytes());
                        sends.add(publisher.publishRecord(record, row.getString("action")));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .flatMap(sent -> tx.preparedQuery("DELETE FROM audit_outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                });
    }
}
