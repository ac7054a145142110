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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generator's data sets (libs/claims-synth) through the three phases: every rule hits exactly the claims the
 * ground truth names, every planted provider gets a case at medium or above, no clean provider gets a hit or a case,
 * and every planted quality issue is reported and fails its claim (and nothing else fails).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class GroundTruthTest {

    @Inject
    Pool pool;

    @Inject
    QualityGate gate;

    @Inject
    RuleEngine engine;

    @Inject
    RiskScoring scoring;

    @ParameterizedTest(name = "seed {0}, {1} medical + {2} pharmacy claims, {3}")
    @CsvSource({
            "42, 4000, 1000, SKIP_INVALID",
            "7, 4000, 1000, FLAG_ONLY",
            "1234, 80000, 20000, SKIP_INVALID"})
    void thePipelineFindsExactlyWhatWasPlanted(long seed, int medical, int pharmacy, QualityMode mode) throws Exception {
        SynthSpec demo = SynthSpec.demo(seed);
        SynthSpec spec = medical == demo.medicalClaims() ? demo
                : demo.withCounts(medical / 40, Math.max(demo.members(), medical / 8), medical, pharmacy);
        Path dir = Files.createTempDirectory("claims-synth");
        Fixture f = Fixture.create(pool);
        try {
            GroundTruth truth = new ClaimsGenerator(spec).writeTo(dir);
            List<Long> loaded = CsvLoader.load(f, dir);
            assertThat(loaded).containsExactly((long) truth.providers(), (long) truth.members(),
                    (long) truth.medicalClaims(), (long) truth.pharmacyClaims());

            UUID run = UUID.randomUUID();
            QualityReport report = gate.run(pool, f.wsKey, run, false).await().atMost(Fixture.WAIT);
            f.markProcessed(run);
            Map<String, Long> recorded = engine.run(pool, f.wsKey, run, mode, false, n -> {}).await().atMost(Fixture.WAIT);
            scoring.run(pool, f.wsKey, run).await().atMost(Fixture.WAIT);

            // quality: each planted issue reported with its type, its claim failed, no other claim failed
            Set<String> plantedFailures = new TreeSet<>();
            truth.qualityIssues().values().forEach(plantedFailures::addAll);
            assertThat(report.failed()).isEqualTo(plantedFailures.size());
            assertThat(report.total()).isEqualTo(truth.medicalClaims() + truth.pharmacyClaims());
            Map<String, Set<String>> reported = new TreeMap<>();
            report.issues().stream().filter(i -> i.severity().equals("error"))
                    .forEach(i -> reported.computeIfAbsent(i.issueType(), k -> new TreeSet<>()).add(i.claimId()));
            truth.qualityIssues().forEach((type, ids) -> assertThat(reported.get(type)).as(type).containsAll(ids));
            Set<String> failedClaims = new TreeSet<>();
            failedClaims.addAll(flat(f.rows("SELECT claim_id FROM medical_claim WHERE ws_key = $1 AND quality_status = 'failed'")));
            failedClaims.addAll(flat(f.rows("SELECT claim_id FROM pharmacy_claim WHERE ws_key = $1 AND quality_status = 'failed'")));
            assertThat(failedClaims).isEqualTo(plantedFailures);

            // rules: exactly the ground truth, rule by rule
            Map<String, Set<String>> hits = f.allHits();
            for (Map.Entry<String, Set<String>> rule : truth.hitsByRule().entrySet()) {
                assertThat(hits.getOrDefault(rule.getKey(), Set.of())).as(rule.getKey())
                        .containsExactlyInAnyOrderElementsOf(rule.getValue());
                assertThat(recorded.get(rule.getKey())).as(rule.getKey()).isEqualTo(rule.getValue().size());
            }
            assertThat(hits.keySet()).isSubsetOf(truth.hitsByRule().keySet());

            // cases: every planted provider at medium or above, no clean provider with a hit or a case
            Map<String, String> levels = new TreeMap<>();
            f.rows("SELECT provider_npi, risk_level FROM investigation_case WHERE ws_key = $1")
                    .forEach(row -> levels.put(row.get(0), row.get(1)));
            for (String planted : truth.plantedProviders().keySet()) {
                assertThat(levels.get(planted)).as(planted + " (" + truth.plantedProviders().get(planted) + ")")
                        .isIn("medium", "high", "critical");
            }
            Set<String> hitProviders = new TreeSet<>(flat(f.rows("SELECT DISTINCT provider_npi FROM rule_hit WHERE ws_key = $1")));
            assertThat(hitProviders).doesNotContainAnyElementsOf(truth.cleanProviders());
            assertThat(levels.keySet()).doesNotContainAnyElementsOf(truth.cleanProviders());
            assertThat(levels.keySet()).containsExactlyInAnyOrderElementsOf(truth.plantedProviders().keySet());
        } finally {
            f.drop();
            try (var files = Files.list(dir)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<String> flat(List<List<String>> rows) {
        return rows.stream().map(row -> row.get(0)).toList();
    }
}
