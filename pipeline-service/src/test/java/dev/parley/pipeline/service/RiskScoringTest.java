package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scores from rule hits (written directly: scoring reads rule_hit only), levels at their edges, case numbering per
 * workspace, evidence, re-runs, what analysts own, and workspaces and tenants kept apart.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class RiskScoringTest {

    static final String A = TestNpi.valid(600_000_001L);
    static final String B = TestNpi.valid(600_000_002L);
    static final String C = TestNpi.valid(600_000_003L);
    static final String D = TestNpi.valid(600_000_004L);
    static final String E = TestNpi.valid(600_000_005L);

    @Inject
    Pool pool;

    @Inject
    RiskScoring scoring;

    Fixture f;
    private final List<Fixture> others = new ArrayList<>();
    private int claims;

    @BeforeEach
    void workspace() {
        f = Fixture.create(pool);
    }

    @AfterEach
    void drop() {
        f.drop();
        others.forEach(Fixture::drop);
    }

    /** {@code n} hits of a rule on fresh claims of a provider. */
    private void hits(Fixture w, String rule, String npi, int n) {
        for (int i = 0; i < n; i++) {
            hit(w, rule, npi, "C" + (++claims));
        }
    }

    private void hit(Fixture w, String rule, String npi, String claimId) {
        pool.preparedQuery("INSERT INTO rule_hit (ws_key, rule_id, claim_kind, claim_id, provider_npi, detail, run_id)"
                        + " VALUES ($1, $2, $3, $4, $5, 'test', $6)")
                .execute(Tuple.of(w.wsKey, rule, rule.startsWith("RULE-RX") ? "pharmacy" : "medical", claimId, npi,
                        UUID.randomUUID()))
                .await().atMost(Fixture.WAIT);
    }

    private List<List<String>> cases(Fixture w) {
        return w.rows("SELECT case_id, provider_npi, risk_score::text, risk_level, status, hit_count::text"
                + " FROM investigation_case WHERE ws_key = $1 ORDER BY case_id");
    }

    @Test
    void scoresCapsLevelsAndWhoGetsACase() {
        hits(f, "RULE-MED-001", A, 4);   // 60, capped at 45
        hits(f, "RULE-MED-003", A, 1);   // + 5 = 50: high
        hits(f, "RULE-MED-004", B, 4);   // 80, capped at 60
        hits(f, "RULE-MED-001", B, 2);   // + 30 = 90: critical
        hits(f, "RULE-MED-003", C, 4);   // 20: medium, exactly
        hits(f, "RULE-MED-003", D, 3);   // 15: low, no case
        hits(f, "RULE-MED-004", E, 3);   // 60
        hits(f, "RULE-MED-001", E, 3);   // + 45 = 105: 100

        CaseStats stats = f.score(scoring);

        // numbered by score, then NPI
        assertThat(cases(f)).containsExactly(
                List.of("CASE-000001", E, "100.00", "critical", "open", "6"),
                List.of("CASE-000002", B, "90.00", "critical", "open", "6"),
                List.of("CASE-000003", A, "50.00", "high", "open", "5"),
                List.of("CASE-000004", C, "20.00", "medium", "open", "4"));
        assertThat(stats.opened()).isEqualTo(4);
        assertThat(stats.updated()).isZero();
        assertThat(stats.byLevel()).containsExactly(Map.entry("low", 0), Map.entry("medium", 1), Map.entry("high", 1),
                Map.entry("critical", 2));
        assertThat(f.rows("SELECT case_counter::text FROM workspace WHERE ws_key = $1")).containsExactly(List.of("4"));
    }

    @Test
    void evidenceListsEveryClaimWithItsRules() {
        hit(f, "RULE-MED-001", A, "X1");
        hit(f, "RULE-MED-003", A, "X1");
        hit(f, "RULE-MED-004", A, "X2");
        hit(f, "RULE-MED-004", A, "X3");
        hit(f, "RULE-RX-001", A, "X1");   // a pharmacy claim of the same id, same NPI
        f.score(scoring);
        assertThat(f.rows("SELECT case_id, claim_kind, claim_id, array_to_string(rule_ids, ',') FROM case_evidence"
                + " WHERE ws_key = $1 ORDER BY claim_kind, claim_id")).containsExactly(
                List.of("CASE-000001", "medical", "X1", "RULE-MED-001,RULE-MED-003"),
                List.of("CASE-000001", "medical", "X2", "RULE-MED-004"),
                List.of("CASE-000001", "medical", "X3", "RULE-MED-004"),
                List.of("CASE-000001", "pharmacy", "X1", "RULE-RX-001"));
    }

    @Test
    void reRunsUpdateCasesNeverDuplicateThemAndKeepWhatAnalystsSet() {
        hits(f, "RULE-MED-004", A, 1);   // 20
        hits(f, "RULE-MED-004", B, 1);
        f.score(scoring);
        List<List<String>> once = f.outcome();
        CaseStats again = f.score(scoring);
        assertThat(f.outcome()).isEqualTo(once);
        assertThat(again.opened()).isZero();
        assertThat(again.updated()).isEqualTo(2);

        f.rows("UPDATE investigation_case SET status = 'in_review', assignee = 'analyst-7' WHERE ws_key = $1"
                + " AND provider_npi = '" + A + "' RETURNING 1");
        hits(f, "RULE-MED-004", A, 2);   // 60: high
        hits(f, "RULE-MED-004", C, 1);   // a new case, numbered after the others
        CaseStats third = f.score(scoring);
        assertThat(third.opened()).isEqualTo(1);
        assertThat(f.rows("SELECT case_id, provider_npi, risk_score::text, risk_level, status, assignee FROM investigation_case"
                + " WHERE ws_key = $1 ORDER BY case_id")).containsExactly(
                List.of("CASE-000001", A, "60.00", "high", "in_review", "analyst-7"),
                java.util.Arrays.asList("CASE-000002", B, "20.00", "medium", "open", null),
                java.util.Arrays.asList("CASE-000003", C, "20.00", "medium", "open", null));
        assertThat(f.rows("SELECT count(*)::text FROM case_evidence WHERE ws_key = $1 AND case_id = 'CASE-000001'"))
                .containsExactly(List.of("3"));
    }

    @Test
    void aProviderBelowTheThresholdKeepsItsCaseRescored() {
        hits(f, "RULE-MED-004", A, 2);
        f.score(scoring);
        f.rows("DELETE FROM rule_hit WHERE ws_key = $1 AND claim_id = (SELECT min(claim_id) FROM rule_hit WHERE ws_key = $1)"
                + " RETURNING 1");
        f.rows("UPDATE rule_hit SET rule_id = 'RULE-MED-003' WHERE ws_key = $1 RETURNING 1");   // 5 points now
        f.score(scoring);
        assertThat(cases(f)).containsExactly(List.of("CASE-000001", A, "5.00", "low", "open", "1"));
        f.rows("DELETE FROM rule_hit WHERE ws_key = $1 RETURNING 1");
        CaseStats stats = f.score(scoring);
        assertThat(cases(f)).containsExactly(List.of("CASE-000001", A, "0.00", "low", "open", "0"));
        assertThat(f.rows("SELECT claim_id FROM case_evidence WHERE ws_key = $1")).isEmpty();
        assertThat(stats.byLevel()).containsEntry("low", 1);
    }

    @Test
    void numberingIsPerWorkspaceAndTenantsNeverMix() {
        // the same workspace id under two tenants, and a second workspace of the first tenant
        Fixture sameIdOtherTenant = Fixture.create(pool, "f".repeat(64).substring(0, 63) + "0", f.workspaceId);
        Fixture second = Fixture.create(pool, f.tenantHash, f.workspaceId + "-2");
        others.add(sameIdOtherTenant);
        others.add(second);
        hits(f, "RULE-MED-004", A, 3);
        hits(sameIdOtherTenant, "RULE-MED-004", A, 1);
        hits(sameIdOtherTenant, "RULE-MED-004", B, 2);
        hits(second, "RULE-MED-003", A, 1);   // low: no case

        f.score(scoring);
        sameIdOtherTenant.score(scoring);
        second.score(scoring);

        assertThat(cases(f)).containsExactly(List.of("CASE-000001", A, "60.00", "high", "open", "3"));
        assertThat(cases(sameIdOtherTenant)).containsExactly(
                List.of("CASE-000001", B, "40.00", "medium", "open", "2"),
                List.of("CASE-000002", A, "20.00", "medium", "open", "1"));
        assertThat(cases(second)).isEmpty();
        assertThat(f.rows("SELECT count(*)::text FROM case_evidence WHERE ws_key = $1")).containsExactly(List.of("3"));
        assertThat(sameIdOtherTenant.rows("SELECT count(*)::text FROM case_evidence WHERE ws_key = $1"))
                .containsExactly(List.of("3"));
    }

    @Test
    void concurrentScoringsOfOneWorkspaceNumberEachProviderOnce() {
        for (int p = 0; p < 20; p++) {
            hits(f, "RULE-MED-004", TestNpi.valid(610_000_000L + p), 1 + p % 3);
        }
        List<Uni<CaseStats>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(scoring.run(pool, f.wsKey, UUID.randomUUID()));
        }
        List<CaseStats> stats = Uni.join().all(runs).andFailFast().await().atMost(Fixture.WAIT);
        assertThat(stats.stream().mapToInt(CaseStats::opened).sum()).isEqualTo(20);
        assertThat(f.rows("SELECT count(*)::text, count(DISTINCT provider_npi)::text, min(case_id), max(case_id)"
                + " FROM investigation_case WHERE ws_key = $1")).containsExactly(List.of("20", "20", "CASE-000001", "CASE-000020"));
    }

    @Test
    void caseNumbersGrowPastSixDigits() {
        f.rows("UPDATE workspace SET case_counter = 999999 WHERE ws_key = $1 RETURNING 1");
        hits(f, "RULE-MED-004", A, 2);
        hits(f, "RULE-MED-004", B, 1);
        f.score(scoring);
        assertThat(f.rows("SELECT case_id FROM investigation_case WHERE ws_key = $1 ORDER BY case_id"))
                .containsExactly(List.of("CASE-1000000"), List.of("CASE-1000001"));
    }
}
