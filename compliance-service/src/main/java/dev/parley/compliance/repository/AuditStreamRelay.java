package dev.parley.compliance.repository;

import dev.parley.compliance.config.ComplianceConfig;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.logging.FailureSummary;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Publishes the audit outbox streams ({@link AuditStream}) to the audit topic. An entry this replica adds is relayed
 * at once ({@link #added}: a pass over the shards written to); a sweep of every shard each
 * {@code parley.compliance.audit-relay.every} takes up what other replicas added, retries failed sends and reclaims.
 * Entries are read through the consumer group {@code relay}, sent with confirmed sends, then acknowledged and
 * deleted. An entry whose send failed stays pending: this relay retries its own pending entries on its next pass,
 * and an entry another relay read and left unacknowledged for {@code parley.compliance.audit-relay.reclaim-after} (that
 * relay died) is claimed ({@code XAUTOCLAIM}) by a live one, so a replica that dies mid-send loses nothing. An entry
 * can be sent twice (a crash between the send and the acknowledgement); the projection stores each event id once.
 */
@ApplicationScoped
public class AuditStreamRelay {

    private static final Logger LOG = Logger.getLogger(AuditStreamRelay.class);
    static final String GROUP = "relay";
    private static final int RECLAIM_EVERY_SWEEPS = 5;
    private static final int BATCH = 500;

    private final ReactiveStreamCommands<String, String, String> streams;
    private final AuditStream outbox;
    private final AuditPublisher publisher;
    /** Host name and process id: a replica restarted under the same name takes up its own unacknowledged entries at once. */
    private final String consumer = consumerName();
    /** Per shard, 1 while this relay may hold unacknowledged entries of its own (at start too: a restart). */
    private final AtomicIntegerArray ownPending = new AtomicIntegerArray(AuditStream.SHARDS);
    /** Per shard, 1 once an entry was added by this replica and not yet read. */
    private final AtomicIntegerArray dirty = new AtomicIntegerArray(AuditStream.SHARDS);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong sweeps = new AtomicLong();
    private volatile boolean failing;
    private Cancellable ticks;

    private final Duration every;
    private final Duration reclaimAfter;

    public AuditStreamRelay(ReactiveRedisDataSource redis, AuditStream outbox, AuditPublisher publisher,
            ComplianceConfig config) {
        this.every = config.auditRelay().every();
        this.reclaimAfter = config.auditRelay().reclaimAfter();
        this.streams = redis.stream(String.class, String.class, String.class);
        this.outbox = outbox;
        this.publisher = publisher;
        for (int shard = 0; shard < AuditStream.SHARDS; shard++) {
            ownPending.set(shard, 1);
        }
    }

    void start(@Observes StartupEvent event) {
        ticks = Multi.createFrom().ticks().every(every)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> sweep())
                .subscribe().with(relayed -> { },
                        failure -> LOG.errorf("the audit stream relay stopped: %s", FailureSummary.withFrames(failure, 8)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticks != null) {
            ticks.cancel();
        }
    }

    /**
     * Tells the relay that this replica just added an entry to a shard's stream: a pass over the shards with new
     * entries starts at once (or right after the running one), so events reach Kafka within a round trip or two
     * instead of waiting for the next sweep.
     */
    public void added(int shard) {
        dirty.set(shard, 1);
        if (!busy.get()) {
            pass(false).subscribe().with(relayed -> { }, failure -> { });
        }
    }

    /** A pass over every shard (what the periodic tick runs: entries of other replicas, retries, reclaims). */
    public Uni<Integer> sweep() {
        return pass(true);
    }

    /**
     * One pass, unless one is running already (which then takes up the shards marked meanwhile); the number of events
     * relayed. {@code everyShard}: all shards, with reclaims now and then; otherwise only the shards marked dirty.
     */
    private Uni<Integer> pass(boolean everyShard) {
        return Uni.createFrom().deferred(() -> {
            if (!busy.compareAndSet(false, true)) {
                return Uni.createFrom().item(0);
            }
            boolean reclaim = everyShard && sweeps.getAndIncrement() % RECLAIM_EVERY_SWEEPS == 0;
            List<Uni<Integer>> shards = new ArrayList<>(AuditStream.SHARDS);
            for (int shard = 0; shard < AuditStream.SHARDS; shard++) {
                if (dirty.getAndSet(shard, 0) == 1 || everyShard || ownPending.get(shard) == 1) {
                    shards.add(relayShard(shard, reclaim));
                }
            }
            if (shards.isEmpty()) {
                busy.set(false);
                return Uni.createFrom().item(0);
            }
            return Uni.join().all(shards).andCollectFailures()
                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum())
                    .invoke(relayed -> {
                        if (failing) {
                            failing = false;
                            LOG.info("the audit stream relay publishes again");
                        }
                    })
                    .onFailure().invoke(failure -> {
                        if (!failing) {
                            failing = true;
                            LOG.warnf("audit stream not relayed, will retry: %s", FailureSummary.of(failure));
                        }
                    })
                    .onFailure().recoverWithItem(0)
                    .eventually(() -> {
                        busy.set(false);
                        if (anyDirty()) {
                            pass(false).subscribe().with(relayed -> { }, failure -> { });
                        }
                    });
        });
    }

    private boolean anyDirty() {
        for (int shard = 0; shard < AuditStream.SHARDS; shard++) {
            if (dirty.get(shard) == 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * One shard: this relay's own unacknowledged entries first (after a failed send, or from before a restart under
     * the same name), entries other relays left idle for {@code parley.compliance.audit-relay.reclaim-after} now and then, then new entries.
     */
    private Uni<Integer> relayShard(int shard, boolean reclaim) {
        String key = AuditStream.streamKey(shard);
        Uni<List<StreamMessage<String, String, String>>> own = ownPending.get(shard) == 1
                ? read(key, "0")
                : Uni.createFrom().item(List.of());
        Uni<List<StreamMessage<String, String, String>>> others = reclaim
                ? streams.xautoclaim(key, GROUP, consumer, reclaimAfter, "0-0", BATCH).map(claimed -> claimed.getMessages())
                        .onFailure(AuditStreamRelay::isNoGroup).recoverWithItem(List.of())
                : Uni.createFrom().item(List.of());
        return own.flatMap(mine -> send(shard, mine))
                .flatMap(first -> others.flatMap(claimed -> send(shard, claimed)).map(second -> first + second))
                .flatMap(earlier -> read(key, ">").flatMap(fresh -> send(shard, fresh)).map(sent -> sent + earlier));
    }

    private Uni<List<StreamMessage<String, String, String>>> read(String key, String from) {
        return streams.xreadgroup(GROUP, consumer, key, from, new XReadGroupArgs().count(BATCH))
                .onFailure(AuditStreamRelay::isNoGroup).recoverWithUni(noGroup -> createGroup(key).replaceWith(List.of()));
    }

    /** Sends the entries, then acknowledges and deletes them; nothing is acknowledged unless every send was confirmed. */
    private Uni<Integer> send(int shard, List<StreamMessage<String, String, String>> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String key = AuditStream.streamKey(shard);
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, String, String> message = messages.get(i);
            ids[i] = message.id();
            sends.add(publisher.publishRecord(outbox.record(message.payload()), message.payload().get(AuditStream.ACTION)));
        }
        return Uni.join().all(sends).andFailFast()
                .onFailure().invoke(failure -> ownPending.set(shard, 1))
                .flatMap(sent -> streams.xack(key, GROUP, ids))
                .flatMap(acked -> streams.xdel(key, ids))
                .invoke(deleted -> {
                    if (messages.size() < BATCH) {
                        ownPending.set(shard, 0);
                    }
                })
                .map(deleted -> ids.length);
    }

    private Uni<Void> createGroup(String key) {
        return streams.xgroupCreate(key, GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("BUSYGROUP")).recoverWithNull();
    }

    private static boolean isNoGroup(Throwable failure) {
        return String.valueOf(failure.getMessage()).startsWith("NOGROUP");
    }

    /** The number of entries waiting in every shard's stream (tests, diagnostics). */
    public Uni<Long> backlog() {
        List<Uni<Long>> lengths = new ArrayList<>();
        for (int shard = 0; shard < AuditStream.SHARDS; shard++) {
            lengths.add(streams.xlen(AuditStream.streamKey(shard)));
        }
        return Uni.join().all(lengths).andFailFast().map(all -> all.stream().mapToLong(Long::longValue).sum());
    }

    private static String consumerName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "relay-" + UUID.randomUUID();
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
