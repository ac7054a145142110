package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.synth.RuleOracle.Deviation;
import dev.parley.synth.RuleOracle.Peers;
import dev.parley.synth.RuleOracle.QualityMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ground truth against an independent re-implementation of the quality gate and the rules, over the files read
 * back: demo size with several seeds, a medium size (100,000 claims), a dense one and clean data sets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroundTruthTest {

    private final Map<SynthSpec, Generated> generated = new HashMap<>();
    private Path root;

    record Generated(GroundTruth truth, RuleOracle oracle, Path dir) {
    }

    static Stream<SynthSpec> specs() {
        return Stream.of(
            SynthSpec.demo(42),
            SynthSpec.demo(7),
            SynthSpec.demo(20_250_101),
            new SynthSpec(11, 300, 10_000, 80_000, 20_000, true, true),
            // dense: 16 claims per provider-day, where the minute and pair guarantees have to bind
            new SynthSpec(13, 38, 2_000, 150_000, 5_000, true, true),
            SynthSpec.demo(3).withPlantFraud(false),
            new SynthSpec(12, 300, 10_000, 80_000, 20_000, false, false));
    }

    private Generated generate(SynthSpec spec) throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("claims-synth-truth");
        }
        Generated known = generated.get(spec);
        if (known == null) {
            Path dir = root.resolve("run-" + generated.size());
            GroundTruth truth = new ClaimsGenerator(spec).writeTo(dir);
            known = new Generated(truth, RuleOracle.read(dir), dir);
            generated.put(spec, known);
        }
        return known;
    }

    @AfterAll
    void deleteFiles() throws IOException {
        if (root != null) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void everyRuleHitsExactlyTheClaimsOfTheGroundTruth(SynthSpec spec) throws IOException {
        Generated run = generate(spec);
        assertThat(run.truth().hitsByRule().keySet()).containsExactlyInAnyOrderElementsOf(RuleOracle.RULES);
        // whichever deviation and peer mean the pipeline computes, and even with failing claims sent to the rules
        record Variant(Deviation deviation, Peers peers, QualityMode mode) {
        }
        for (Variant variant : List.of(
            new Variant(Deviation.POPULATION, Peers.WITH_VISITS, QualityMode.SKIP_INVALID),
            new Variant(Deviation.SAMPLE, Peers.ALL, QualityMode.SKIP_INVALID),
            new Variant(Deviation.POPULATION, Peers.ALL, QualityMode.FLAG_ONLY))) {
            Map<String, Set<String>> hits = run.oracle().hits(variant.deviation(), variant.peers(), variant.mode());
            for (String rule : RuleOracle.RULES) {
                assertThat(hits.get(rule)).as("%s with %s", rule, variant)
                    .isEqualTo(run.truth().hitsByRule().get(rule));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theQualityGateFailsExactlyThePlantedIssues(SynthSpec spec) throws IOException {
        Generated run = generate(spec);
        assertThat(run.oracle().qualityFailures).isEqualTo(run.truth().qualityIssues());
        if (spec.plantQualityIssues()) {
            assertThat(run.truth().qualityIssues().keySet())
                .containsExactlyInAnyOrder("missing_field", "invalid_value", "unknown_provider");
        } else {
            assertThat(run.truth().qualityIssues()).isEmpty();
        }
        for (Set<String> ids : run.truth().qualityIssues().values()) {
            assertThat(ids).noneMatch(run.truth().allHits()::contains);
            for (String id : ids) {
                String billing = run.oracle().billingByClaim.get(id);
                assertThat(run.truth().plantedProviders()).doesNotContainKey(billing);
                assertThat(run.truth().cleanProviders()).doesNotContain(billing);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void plantedProvidersReachMediumRiskFromTheirOwnPatternAlone(SynthSpec spec) throws IOException {
        Generated run = generate(spec);
        var byProvider = run.oracle().hitsByProvider(run.oracle().hits());
        run.truth().plantedProviders().forEach((npi, rule) -> {
            assertThat(byProvider.get(npi)).as("hits of %s planted with %s", npi, rule).containsOnlyKeys(rule);
            assertThat(RuleOracle.points(rule, byProvider.get(npi).get(rule))).as("points of %s", npi)
                .isGreaterThanOrEqualTo(20);
        });
        assertThat(run.truth().plantedProviders().keySet()).containsAll(byProvider.keySet());
        var expectedPerRule = spec.plantFraud() ? Set.of(1L) : Set.of();
        if (spec.plantFraud()) {
            for (String rule : RuleOracle.RULES) {
                assertThat(run.truth().plantedProviders().values().stream().filter(rule::equals).count())
                    .as("providers planted with %s", rule).isIn(expectedPerRule);
            }
        } else {
            assertThat(run.truth().plantedProviders()).isEmpty();
            assertThat(run.truth().allHits()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("specs")
    void cleanProvidersRaiseNoHit(SynthSpec spec) throws IOException {
        Generated run = generate(spec);
        var byProvider = run.oracle().hitsByProvider(run.oracle().hits());
        assertThat(byProvider.keySet()).noneMatch(run.truth().cleanProviders()::contains);
        // clean, planted and the quality-only providers make up the whole file, each once
        var all = new HashSet<>(run.truth().cleanProviders());
        all.addAll(run.truth().plantedProviders().keySet());
        assertThat(all).hasSize(run.truth().cleanProviders().size() + run.truth().plantedProviders().size());
        int qualityOnly = (spec.plantQualityIssues() ? 1 : 0) * ((spec.medicalClaims() > 0 ? 1 : 0)
            + (spec.pharmacyClaims() > 0 ? 1 : 0));
        assertThat(run.oracle().specialtyByNpi.keySet()).containsAll(all).hasSize(all.size() + qualityOnly);
        // each specialty has clean peers for RULE-MED-002's mean
        for (String specialty : Set.of("Family Medicine", "Internal Medicine", "Cardiology", "Physical Therapy",
            "Psychiatry", "Gastroenterology")) {
            assertThat(run.truth().cleanProviders().stream()
                .filter(npi -> run.oracle().specialtyByNpi.get(npi).equals(specialty))).hasSizeGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void theGroundTruthFileIsTheJsonOfTheReturnedTruth() throws IOException {
        Generated run = generate(SynthSpec.demo(42));
        assertThat(Files.readString(run.dir().resolve("ground-truth.json"))).isEqualTo(run.truth().toJson());
        assertThat(run.truth().toJson()).contains("\"RULE-MED-001\": [\"MC-").contains("\"cleanProviders\": [\"");
        assertThat(run.truth().medicalClaims()).isEqualTo(4000);
        assertThat(run.truth().pharmacyClaims()).isEqualTo(1000);
        assertThat(run.truth().providers()).isEqualTo(40);
        assertThat(run.truth().members()).isEqualTo(500);
    }
}
