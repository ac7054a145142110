package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pipeline.domain.QualityMode;
import dev.parley.synth.ClaimsGenerator;
import dev.parley.synth.SynthSpec;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three phases re-run: twice over the same data, forced, and after a job that died between phases, the
 * workspace's rule hits, cases and evidence come out the same (run ids and times aside).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PipelineIdempotencyTest {

    @Inject
    Pool pool;

    @Inject
    QualityGate gate;

    @Inject
    RuleEngine engine;

    @Inject
    RiskScoring scoring;

    Path data;
    Fixture reference;
    Fixture other;

    @BeforeEach
    void data() throws Exception {
        data = Files.createTempDirectory("claims-synth");
        new ClaimsGenerator(SynthSpec.demo(99)).writeTo(data);
        reference = Fixture.create(pool);
        other = Fixture.create(pool);
        CsvLoader.load(reference, data);
        CsvLoader.load(other, data);
    }

    @AfterEach
    void drop() throws Exception {
        reference.drop();
        other.drop();
        try (var files = Files.list(data)) {
            files.forEach(file -> file.toFile().delete());
        }
        Files.deleteIfExists(data);
    }

    @Test
    void runningTwiceOrForcedChangesNothing() {
        reference.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, false);
        List<List<String>> once = reference.outcome();
        assertThat(once).anyMatch(row -> row.get(0).equals("case")).anyMatch(row -> row.get(0).equals("evidence"));

        CaseStats again = reference.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, false);
        assertThat(reference.outcome()).isEqualTo(once);
        assertThat(again.opened()).isZero();

        reference.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, true);
        assertThat(reference.outcome()).isEqualTo(once);
    }

    @Test
    void aJobThatDiedBetweenPhasesConvergesWhenRunAgain() {
        reference.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, false);

        // died after the gate: statuses set, nothing marked processed
        other.gate(gate, false);
        other.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, false);
        assertThat(other.outcome()).isEqualTo(reference.outcome());

        // died after the rules of a forced run: hits recomputed, cases not rescored
        other.gate(gate, true);
        other.rules(engine, QualityMode.SKIP_INVALID, true);
        other.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, true);
        assertThat(other.outcome()).isEqualTo(reference.outcome());
    }

    @Test
    void aScoringThatFailsMidwayLeavesNothingBehind() {
        reference.pipeline(gate, engine, scoring, QualityMode.SKIP_INVALID, false);
        List<List<String>> before = reference.outcome();
        // more hits for a provider with a case (its rescoring is the statement's first write), a new provider to
        // open a case for, and a counter that makes the new case's number invalid: the statement fails after writing
        String withCase = reference.rows("SELECT provider_npi FROM investigation_case WHERE ws_key = $1 ORDER BY case_id LIMIT 1")
                .get(0).get(0);
        reference.rows("INSERT INTO rule_hit (ws_key, rule_id, claim_kind, claim_id, provider_npi, detail, run_id)"
                + " SELECT $1, 'RULE-MED-004', 'medical', 'EXTRA-' || g, CASE WHEN g = 1 THEN '" + withCase
                + "' ELSE '1999999999' END, 'test', gen_random_uuid() FROM generate_series(1, 4) g RETURNING 1");
        reference.rows("UPDATE workspace SET case_counter = -100 WHERE ws_key = $1 RETURNING 1");
        Throwable failure = scoring.run(pool, reference.wsKey, UUID.randomUUID()).onItem().<Throwable>transform(x -> null)
                .onFailure().recoverWithItem(t -> t).await().atMost(Fixture.WAIT);
        assertThat(failure).isNotNull().hasMessageContaining("investigation_case_case_id_check");
        List<List<String>> after = reference.outcome();
        assertThat(after.stream().filter(row -> !row.get(0).equals("hit")).toList())
                .isEqualTo(before.stream().filter(row -> !row.get(0).equals("hit")).toList());
    }
}
