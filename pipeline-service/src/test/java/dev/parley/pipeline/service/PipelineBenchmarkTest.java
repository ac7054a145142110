package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pipeline.domain.QualityMode;
import dev.parley.synth.ClaimsGenerator;
import dev.parley.synth.GroundTruth;
import dev.parley.synth.SynthSpec;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Times the three phases over synthetic claims ({@code -DpipelineBench=<claims>}, 80% medical; 2,000
 * providers, 50,000 members): a first run, a re-run with nothing new, and a forced run. Reports to stdout and
 * {@code target/pipeline-bench.txt}; asserts only that the phases did their work.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@EnabledIfSystemProperty(named = "pipelineBench", matches = "[0-9]+")
class PipelineBenchmarkTest {

    @Inject
    Pool pool;

    @Inject
    QualityGate gate;

    @Inject
    RuleEngine engine;

    @Inject
    RiskScoring scoring;

    private final List<String> lines = new ArrayList<>();

    @Test
    void phases() throws Exception {
        int claims = Integer.parseInt(System.getProperty("pipelineBench"));
        boolean analyze = !Boolean.getBoolean("pipelineBench.no-analyze");
        Fixture f = Fixture.create(pool);
        try {
            long t0 = System.nanoTime();
            GroundTruth truth = null;
            if (Boolean.getBoolean("pipelineBench.sql")) {
                SyntheticLoad.load(f, 2000, 50_000, claims * 4 / 5, claims / 5);
            } else {
                Path dir = Files.createTempDirectory("claims-synth");
                try {
                    truth = new ClaimsGenerator(new SynthSpec(42, 2000, 50_000, claims * 4 / 5, claims / 5, true, true))
                            .writeTo(dir);
                    report("generated in %d ms", ms(t0));
                    CsvLoader.load(f, dir);
                } finally {
                    try (var files = Files.list(dir)) {
                        files.forEach(file -> file.toFile().delete());
                    }
                    Files.deleteIfExists(dir);
                }
            }
            if (analyze) {
                f.rows("SELECT $1::int8 WHERE false");
                pool.query("ANALYZE provider, member, medical_claim, pharmacy_claim").execute().await().atMost(Fixture.WAIT);
            }
            report("load %,d claims (%s)%s: %d ms", claims, truth == null ? "generate_series" : "claims-synth, COPY",
                    analyze ? " + ANALYZE" : "", ms(t0));
            run(f, "first", false);
            if (truth != null) {
                Map<String, Set<String>> hits = f.allHits();
                for (Map.Entry<String, Set<String>> rule : truth.hitsByRule().entrySet()) {
                    assertThat(hits.getOrDefault(rule.getKey(), Set.of())).as(rule.getKey()).isEqualTo(rule.getValue());
                }
                report("hits equal the ground truth (%,d planted hits, %d planted providers)", truth.allHits().size(),
                        truth.plantedProviders().size());
            }
            run(f, "re-run", false);
            run(f, "forced", true);
        } finally {
            if (Boolean.getBoolean("pipelineBench.keep")) {
                report("kept workspace ws_key %d", f.wsKey);
            } else {
                long t = System.nanoTime();
                f.drop();
                report("drop: %d ms", ms(t));
            }
            Files.write(Path.of("target/pipeline-bench.txt"), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private void run(Fixture f, String label, boolean force) {
        UUID run = UUID.randomUUID();
        long t0 = System.nanoTime();
        QualityReport quality = gate.run(pool, f.wsKey, run, force).await().atMost(Fixture.WAIT);
        long t1 = System.nanoTime();
        f.markProcessed(run, force);
        long t2 = System.nanoTime();
        List<Long> ruleTimes = new ArrayList<>();
        Map<String, Long> hits = engine.run(pool, f.wsKey, run, QualityMode.SKIP_INVALID, force,
                n -> ruleTimes.add(System.nanoTime())).await().atMost(Fixture.WAIT);
        long t3 = System.nanoTime();
        CaseStats cases = scoring.run(pool, f.wsKey, run).await().atMost(Fixture.WAIT);
        long t4 = System.nanoTime();
        report("%s run: quality %d ms (%,d in scope, %,d failed, %s), mark processed %d ms, rules %d ms, scoring %d ms;"
                        + " quality + rules + scoring %d ms",
                label, (t1 - t0) / 1_000_000, quality.total(), quality.failed(), quality.issueCounts(), (t2 - t1) / 1_000_000,
                (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, ((t1 - t0) + (t4 - t2)) / 1_000_000);
        StringBuilder perRule = new StringBuilder("  rules:");
        long previous = t2;
        int i = 0;
        for (Map.Entry<String, Long> entry : hits.entrySet()) {
            perRule.append(String.format(" %s %d ms (%,d new hits);", entry.getKey(), (ruleTimes.get(i) - previous) / 1_000_000,
                    entry.getValue()));
            previous = ruleTimes.get(i++);
        }
        report("%s", perRule);
        report("  cases: %s", cases);
        if (!force && label.equals("first")) {
            assertThat(quality.total()).isPositive();
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void report(String format, Object... args) {
        String line = String.format(format, args);
        lines.add(line);
        System.out.println("[bench] " + line);
    }
}
