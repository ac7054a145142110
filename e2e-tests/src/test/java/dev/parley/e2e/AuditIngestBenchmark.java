package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.AuditProducer;
import dev.parley.contracts.ids.TenantHasher;
import dev.parley.contracts.ids.UuidV7;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the audit pipeline's throughput and lag on the running platform, printed and written to
 * {@code e2e-tests/target/bench-audit.txt}. Run it with
 * {@code ./mvnw -B -Pe2e -pl e2e-tests -am verify -Dtest=AuditIngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * after {@code ./parley up}. It stops and restarts audit-service. Sizes: {@code -Dbench.events} (200000),
 * {@code -Dbench.runs} (3), {@code -Dbench.rate} (10000 events/s for the lag phase).
 */
class AuditIngestBenchmark {

    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/parley_audit";
    private static final int TENANTS = 100;
    private final int events = Integer.getInteger("bench.events", 200_000);
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int rate = Integer.getInteger("bench.rate", 10_000);
    private final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        double[] produce = new double[runs];
        double[] ingest = new double[runs];
        for (int run = 0; run < runs; run++) {
            String[] tenants = tenants("bench-" + run);
            ParleyCli.run("stop", "audit");
            long started = System.nanoTime();
            produceAll(tenants, events);
            double produceSeconds = (System.nanoTime() - started) / 1e9;
            produce[run] = events / produceSeconds;
            ParleyCli.run("up");
            ingest[run] = drainRate(tenants, events);
            line("run %d: produced %d events in %.2f s (%.0f events/s, %.1f us/event); projection ingest %.0f events/s",
                    run + 1, events, produceSeconds, produce[run], 1e6 / produce[run], ingest[run]);
        }
        line("median: producer %.0f events/s (%.1f us/event, acks=all, idempotent), ingest with hash chain %.0f events/s",
                median(produce), 1e6 / median(produce), median(ingest));

        String[] tenants = tenants("lag");
        int total = rate * 20;
        paced(tenants, total, rate);
        awaitStored(tenants, total, Duration.ofMinutes(3));
        double[] lag = lagSeconds(tenants);
        line("lag at %d events/s for 20 s (%d events): p50 %.1f ms, p99 %.1f ms, max %.1f ms (occurredAt to row insert)",
                rate, total, lag[0] * 1000, lag[1] * 1000, lag[2] * 1000);
        Path out = Path.of("target", "bench-audit.txt");
        Files.write(out, report);
        assertThat(Arrays.stream(ingest).min().orElse(0)).isPositive();
    }

    private static String[] tenants(String prefix) {
        String run = prefix + "-" + UUID.randomUUID();
        String[] hashes = new String[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            hashes[i] = TenantHasher.ofSecret(PlatformSmokeTest.DEV_TENANT_KEY).hash(run + "-" + i);
        }
        return hashes;
    }

    private static AuditEvent event(String tenantHash, int i) {
        return new AuditEvent(UuidV7.next(), Instant.now(), "bench", tenantHash, "a".repeat(64), "bench.recorded",
                "bench", "B-" + i, AuditEvent.Outcome.SUCCESS, "bench-" + i,
                AuditDetails.builder().count("i", i).flag("bench", true).code("kind", "load").build());
    }

    private static void produceAll(String[] tenants, int count) {
        try (AuditProducer producer = producer()) {
            List<CompletableFuture<?>> acks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(event(tenants[i % tenants.length], i)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static void paced(String[] tenants, int count, int perSecond) throws InterruptedException {
        int perTick = perSecond / 100;
        try (AuditProducer producer = producer()) {
            List<CompletableFuture<?>> acks = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (i % perTick == 0) {
                    long due = start + (i / perTick) * 10_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                acks.add(producer.send(event(tenants[i % tenants.length], i)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static AuditProducer producer() {
        return new AuditProducer("127.0.0.1:9092", "parley.audit.v1", "bench", Duration.ofSeconds(60), Map.of());
    }

    /** Events/s between the first and the last event of the run appearing in the projection. */
    private static double drainRate(String[] tenants, int count) throws Exception {
        long first = 0;
        long stored = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (stored < count && System.nanoTime() < deadline) {
            stored = stored(tenants);
            if (stored > 0 && first == 0) {
                first = System.nanoTime();
                stored = stored(tenants);
            }
            Thread.sleep(50);
        }
        assertThat(stored).isEqualTo(count);
        return count / ((System.nanoTime() - first) / 1e9);
    }

    private static void awaitStored(String[] tenants, int count, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (stored(tenants) < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(stored(tenants)).isEqualTo(count);
    }

    private static long stored(String[] tenants) throws Exception {
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT coalesce(sum(last_seq), 0) FROM audit_chain_head WHERE tenant_hash = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("bpchar", tenants));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static double[] lagSeconds(String[] tenants) throws Exception {
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement select = connection.prepareStatement("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - occurred_at)),
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM recorded_at - occurred_at)),
                               max(extract(epoch FROM recorded_at - occurred_at))
                        FROM audit_event WHERE tenant_hash = ANY (?)""")) {
            select.setArray(1, connection.createArrayOf("bpchar", tenants));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new double[] {rows.getDouble(1), rows.getDouble(2), rows.getDouble(3)};
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void line(String format, Object... args) {
        String text = format.formatted(args);
        System.out.println(text);
        report.add(text);
    }
}
