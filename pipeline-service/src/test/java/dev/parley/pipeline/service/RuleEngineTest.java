package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pipeline.domain.QualityMode;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * Each rule on a small workspace where it fires on exactly the expected claims, next to near misses at its threshold
 * edges that must not fire; eligibility by quality mode; forced recompute; progress calls.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class RuleEngineTest {

    static final String P1 = TestNpi.valid(100_000_001L);
    static final String P2 = TestNpi.valid(100_000_002L);
    static final String P3 = TestNpi.valid(100_000_003L);
    static final String P4 = TestNpi.valid(100_000_004L);
    static final String P5 = TestNpi.valid(100_000_005L);
    static final String P6 = TestNpi.valid(100_000_006L);
    static final String P7 = TestNpi.valid(100_000_007L);
    static final String P8 = TestNpi.valid(100_000_008L);
    static final String P9 = TestNpi.valid(100_000_009L);
    static final String P10 = TestNpi.valid(100_000_010L);
    static final String RX1 = TestNpi.valid(200_000_001L);
    static final String RX2 = TestNpi.valid(200_000_002L);

    @Inject
    Pool pool;

    @Inject
    QualityGate gate;

    @Inject
    RuleEngine engine;

    Fixture f;

    @BeforeEach
    void workspace() {
        f = Fixture.create(pool);
        for (String npi : List.of(P1, P2, P3, P4, P5, P6, P7, P8, P9, P10)) {
            f.provider(npi, "Internal Medicine");
        }
        f.provider(RX1, "Pharmacy").provider(RX2, "Pharmacy");
        f.member("M1", null).member("M2", null).member("M3", null).member("M4", "2024-06-30");
    }

    @AfterEach
    void drop() {
        f.drop();
    }

    private Map<String, Long> run(QualityMode mode) {
        f.save();
        f.gate(gate, false);
        return f.rules(engine, mode, false);
    }

    @Test
    void duplicateBillingHitsEveryClaimAfterTheFirstByClaimId() {
        // claim ids in binary order: D10 < D2 < D9; the first is D10
        f.medical("D9", "M1", P1, "2024-03-01", "99213");
        f.medical("D10", "M1", P1, "2024-03-01", "99213");
        f.medical("D2", "M1", P1, "2024-03-01", "99213");
        // near misses: one key differs each
        f.medical("N1", "M1", P1, "2024-03-01", "99214");
        f.medical("N2", "M1", P1, "2024-03-02", "99213");
        f.medical("N3", "M2", P1, "2024-03-01", "99213");
        f.medical("N4", "M1", P2, "2024-03-01", "99213");
        // a duplicate of N5 that fails the gate is no duplicate in skip_invalid
        f.medical("N5", "M3", P1, "2024-03-05", "99213");
        f.medical("N6", "M3", P1, "2024-03-05", "99213").diagnosis(null);

        Map<String, Long> recorded = run(QualityMode.SKIP_INVALID);

        assertThat(f.hits("RULE-MED-001")).containsExactlyInAnyOrder("D2", "D9");
        assertThat(recorded).containsEntry("RULE-MED-001", 2L);
        assertThat(f.detail("RULE-MED-001", "D9")).isEqualTo("duplicate of claim D10 (same provider, member, service date and CPT 99213)");
    }

    @Test
    void duplicateBillingInFlagOnlySeesFailedClaims() {
        f.medical("N5", "M3", P1, "2024-03-05", "99213");
        f.medical("N6", "M3", P1, "2024-03-05", "99213").diagnosis(null);
        run(QualityMode.FLAG_ONLY);
        assertThat(f.hits("RULE-MED-001")).containsExactly("N6");
    }

    @Test
    void upcodingAtTheExactEdgesHitsTheHighestLevelClaimsOfTheUpcoderOnly() {
        // Internal Medicine: P1 bills 20 E/M, 10 of them 99215 (share 0.5 = min-share); its peers with E/M claims are
        // P2 (1/4) and P3 (2/8): mean 0.25, and 0.5 = 2.0 x 0.25 (peer-ratio). A hit on each of P1's ten 99215
        // claims, none on its 99213s or its other claims; P9 and P10 bill no E/M and are no peers.
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "U1-" + i;
            f.medical(id, "M1", P1, "2024-01-" + String.format("%02d", i + 1), i < 10 ? "99215" : "99213");
            if (i < 10) {
                expected.add(id);
            }
        }
        f.medical("U1-X", "M1", P1, "2024-02-01", "93000");
        emClaims("A2", P2, 4, 1);
        emClaims("A3", P3, 8, 2);
        // Family Medicine: P4 bills 19 E/M claims, all highest-level, one short of min-em-claims (its peer P5: 2/20)
        emClaims("A4", P4, 19, 19);
        emClaims("A5", P5, 20, 2);
        // Pediatrics: P6 40 claims, 19 highest (0.475, just under min-share; 2 x its peer P7's 0.1 is far lower)
        emClaims("A6", P6, 40, 19);
        emClaims("A7", P7, 20, 2);
        // Cardiology: P8 share 0.6 (12/20), its one peer P9 0.31 (31/100): 0.6 < 2.0 x 0.31 (P10 bills no E/M: a
        // share of 0 counted for it would make P8 a hit)
        emClaims("A8", P8, 20, 12);
        emClaims("A9", P9, 100, 31);
        // Oncology: P11 alone, share 1.0, no peer to compare with
        String p11 = TestNpi.valid(100_000_011L);
        f.provider(p11, "Oncology");
        emClaims("A11", p11, 25, 25);
        f.save();
        specialty("Family Medicine", P4, P5);
        specialty("Pediatrics", P6, P7);
        specialty("Cardiology", P8, P9, P10);

        run(QualityMode.SKIP_INVALID);

        assertThat(f.hits("RULE-MED-002")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(f.detail("RULE-MED-002", "U1-0"))
                .isEqualTo("highest-level E/M share 0.500 (10 of 20 E/M claims), specialty peers 0.250 over 2 providers");
    }

    @Test
    void upcodingJustAtThePeerRatioHits() {
        // P6 share 0.62 (31/50) against its one peer P7's 0.31 (31/100): exactly 2.0 x
        emClaims("B6", P6, 50, 31);
        emClaims("B7", P7, 100, 31);
        f.save();
        specialty("Dermatology", P6, P7);
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-002")).hasSize(31).allMatch(id -> id.startsWith("B6-"));
    }

    private void specialty(String specialty, String... npis) {
        for (String npi : npis) {
            pool.preparedQuery("UPDATE provider SET specialty = $3 WHERE ws_key = $1 AND npi = $2")
                    .execute(Tuple.of(f.wsKey, npi, specialty)).await().atMost(Fixture.WAIT);
        }
    }

    /** {@code n} E/M claims of a provider on consecutive days, the first {@code high} of them 99205, the rest 99203. */
    private void emClaims(String prefix, String npi, int n, int high) {
        for (int i = 0; i < n; i++) {
            f.medical(prefix + "-" + i, "M2", npi, java.time.LocalDate.of(2023, 1, 1).plusDays(i).toString(),
                    i < high ? "99205" : "99203");
        }
    }

    @Test
    void excessiveUnitsAboveTheCodesMaximumOnly() {
        f.medical("E1", "M1", P1, "2024-03-01", "97110").units(7);
        f.medical("E2", "M1", P1, "2024-03-02", "97110").units(6);
        f.medical("E3", "M1", P1, "2024-03-03", "99213").units(11);
        f.medical("E4", "M1", P1, "2024-03-04", "99213").units(10);
        f.medical("E5", "M1", P1, "2024-03-05", "36415").units(3);
        f.medical("E6", "M1", P1, "2024-03-06", "36415").units(2);
        f.medical("E7", "M1", P1, "2024-03-07", "96372").units(5);
        f.medical("E8", "M1", P1, "2024-03-08", "96372").units(4);
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-003")).containsExactlyInAnyOrder("E1", "E3", "E5", "E7");
        assertThat(f.detail("RULE-MED-003", "E1")).isEqualTo("units 7 above the maximum 6 of CPT 97110");
    }

    @Test
    void impossibleDayOverMaxMinutesHitsEveryTimedClaimOfThatProviderDay() {
        // P1 on 03-01: 600 + 450 + 300 + 90 = 1440 minutes exactly: no hit
        f.medical("T1", "M1", P1, "2024-03-01", "90837").units(10);
        f.medical("T2", "M2", P1, "2024-03-01", "90834").units(10);
        f.medical("T3", "M3", P1, "2024-03-01", "90832").units(10);
        f.medical("T4", "M1", P1, "2024-03-01", "99214").units(3);
        // P1 on 03-02: 480 + 360 + 240 + 400 = 1480: the four hit, the untimed 99213 does not
        f.medical("T5", "M1", P1, "2024-03-02", "90837").units(8);
        f.medical("T6", "M2", P1, "2024-03-02", "90834").units(8);
        f.medical("T7", "M3", P1, "2024-03-02", "90832").units(8);
        f.medical("T8", "M1", P1, "2024-03-02", "99215").units(10);
        f.medical("T9", "M2", P1, "2024-03-02", "99213").units(10);
        // P2 the same day: its own day
        f.medical("T10", "M1", P2, "2024-03-02", "90837").units(2);
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-004")).containsExactlyInAnyOrder("T5", "T6", "T7", "T8");
        assertThat(f.detail("RULE-MED-004", "T5"))
                .isEqualTo("provider-day of 1480 minutes over 4 time-based claims, more than 1440");
    }

    @Test
    void unbundlingHitsTheComponentBilledWithItsComprehensiveCode() {
        f.medical("B1", "M1", P1, "2024-03-01", "80053");
        f.medical("B2", "M1", P1, "2024-03-01", "80048");
        f.medical("B3", "M2", P1, "2024-03-01", "99215");
        f.medical("B4", "M2", P1, "2024-03-01", "99211");
        // near misses: other day, other provider, other member, and a component alone
        f.medical("B5", "M1", P1, "2024-03-02", "80048");
        f.medical("B6", "M1", P2, "2024-03-01", "80048");
        f.medical("B7", "M3", P1, "2024-03-01", "80048");
        f.medical("B8", "M3", P1, "2024-03-05", "93010");
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-005")).containsExactlyInAnyOrder("B2", "B4");
        assertThat(f.detail("RULE-MED-005", "B2"))
                .isEqualTo("component 80048 billed with 80053 (claim B1) for the same member on the same day");
    }

    @Test
    void medicalOutliersOnlyInGroupsOfMinGroupSize() {
        outlierGroup("G", "99213", 30);
        outlierGroup("H", "99214", 29);
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-006")).containsExactly("G-0");
        assertThat(f.detail("RULE-MED-006", "G-0"))
                .isEqualTo("amount 10000.00 above 5761.31 (mean 430.00 + 3 sd 1777.10 of the 30 claims of CPT 99213)");
    }

    /** {@code n} claims of a CPT, the first at 10,000.00, the others at 100.00. */
    private void outlierGroup(String prefix, String cpt, int n) {
        for (int i = 0; i < n; i++) {
            f.medical(prefix + "-" + i, "M" + (1 + i % 3), P1 , "2024-02-" + String.format("%02d", 1 + i % 28), cpt)
                    .amount(i == 0 ? "10000.00" : "100.00");
        }
    }

    @Test
    void unknownOrInactiveMembersOfMedicalClaims() {
        f.medical("K1", "M4", P1, "2024-06-30", "99213");   // coverage ends that day
        f.medical("K2", "M4", P1, "2024-07-01", "99213");   // the day after
        f.medical("K3", "NOBODY", P1, "2024-07-01", "99213");
        f.medical("K4", "M1", P1, "2024-07-01", "99213");   // no coverage end
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-MED-007")).containsExactlyInAnyOrder("K2", "K3");
        assertThat(f.detail("RULE-MED-007", "K2")).isEqualTo("service date 1 days after the coverage end");
        assertThat(f.detail("RULE-MED-007", "K3")).isEqualTo("member not among the workspace's members");
    }

    @Test
    void earlyRefillBeforeTheRatioOfThePreviousSupply() {
        // 21 days after a 28-day fill is exactly 75%: not early; 20 days after the next 28-day fill is
        f.pharmacy("R1", "M1", RX1, "2024-01-01", "00002143380").daysSupply(28);
        f.pharmacy("R2", "M1", RX1, "2024-01-22", "00002143380").daysSupply(28);
        f.pharmacy("R3", "M1", RX2, "2024-02-11", "00002143380").daysSupply(30);
        // 22 days after a 30-day fill (22.5 needed): early; then 23 days after that: not
        f.pharmacy("R4", "M2", RX1, "2024-03-01", "00002143380").daysSupply(30);
        f.pharmacy("R5", "M2", RX1, "2024-03-23", "00002143380").daysSupply(30);
        f.pharmacy("R6", "M2", RX1, "2024-04-15", "00002143380").daysSupply(30);
        // another NDC of the same member and another member: chains of their own
        f.pharmacy("R7", "M1", RX1, "2024-01-05", "00093715301").daysSupply(30);
        f.pharmacy("R8", "M3", RX1, "2024-01-06", "00002143380").daysSupply(30);
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-RX-001")).containsExactlyInAnyOrder("R3", "R5");
        assertThat(f.detail("RULE-RX-001", "R3"))
                .isEqualTo("fill after 20 days of the 28-day supply of claim R2 (NDC 00002143380)");
        assertThat(f.rows("SELECT provider_npi FROM rule_hit WHERE ws_key = $1 AND claim_id = 'R3'"))
                .containsExactly(List.of(RX2));
    }

    @Test
    void pharmacyOutliersOnlyInGroupsOfMinGroupSize() {
        for (int i = 0; i < 30; i++) {
            f.pharmacy("Q-" + i, "M" + (1 + i % 3), RX1, "2024-02-" + String.format("%02d", 1 + i % 28), "00002143380")
                    .daysSupply(90).amount(i == 0 ? "10000.00" : "100.00");
        }
        for (int i = 0; i < 29; i++) {
            f.pharmacy("S-" + i, "M" + (1 + i % 3), RX1, "2024-02-" + String.format("%02d", 1 + i % 28), "00093715301")
                    .daysSupply(90).amount(i == 0 ? "10000.00" : "100.00");
        }
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-RX-002")).containsExactly("Q-0");
    }

    @Test
    void unknownOrInactiveMembersOfPharmacyClaims() {
        f.pharmacy("X1", "M4", RX1, "2024-06-30", "00002143380");
        f.pharmacy("X2", "M4", RX1, "2024-07-01", "00093715301");
        f.pharmacy("X3", "NOBODY", RX1, "2024-07-01", "00093715302");
        f.pharmacy("X4", "M1", RX1, "2024-07-01", "00093715303");
        run(QualityMode.SKIP_INVALID);
        assertThat(f.hits("RULE-RX-003")).containsExactlyInAnyOrder("X2", "X3");
    }

    @Test
    void claimsNotYetCheckedAreNotEligibleAndFailedOnesOnlyInFlagOnly() {
        f.medical("E1", "M1", P1, "2024-03-01", "97110").units(7);
        f.medical("E2", "M1", P1, "2024-03-02", "97110").units(8).diagnosis(null);  // fails the gate
        f.save();
        f.gate(gate, false);
        f.medical("E3", "M1", P1, "2024-03-03", "97110").units(9);                  // uploaded after the gate
        f.save();

        f.rules(engine, QualityMode.SKIP_INVALID, false);
        assertThat(f.hits("RULE-MED-003")).containsExactly("E1");
        f.rules(engine, QualityMode.FLAG_ONLY, false);
        assertThat(f.hits("RULE-MED-003")).containsExactlyInAnyOrder("E1", "E2");
    }

    @Test
    void reRunsRecordNothingNewAndForceRecomputesFromScratch() {
        f.medical("E1", "M1", P1, "2024-03-01", "97110").units(7);
        f.medical("E2", "M1", P1, "2024-03-02", "97110").units(8).diagnosis(null);
        f.save();
        f.gate(gate, false);
        f.rules(engine, QualityMode.FLAG_ONLY, false);
        List<List<String>> first = f.outcome();

        Map<String, Long> again = f.rules(engine, QualityMode.FLAG_ONLY, false);
        assertThat(again.values()).containsOnly(0L);
        assertThat(again).hasSize(10);
        assertThat(f.outcome()).isEqualTo(first);

        // without force the flag_only hit stays; forced, skip_invalid recomputes without it
        f.rules(engine, QualityMode.SKIP_INVALID, false);
        assertThat(f.hits("RULE-MED-003")).containsExactlyInAnyOrder("E1", "E2");
        Map<String, Long> forced = f.rules(engine, QualityMode.SKIP_INVALID, true);
        assertThat(f.hits("RULE-MED-003")).containsExactly("E1");
        assertThat(forced).containsEntry("RULE-MED-003", 1L);
    }

    @Test
    void progressIsReportedAfterEachRuleAndHitsCountAgainstTheBillingProvider() {
        f.medical("E1", "M1", P3, "2024-03-01", "97110").units(7);
        f.save();
        f.gate(gate, false);
        List<Integer> progress = new ArrayList<>();
        engine.run(pool, f.wsKey, UUID.randomUUID(), QualityMode.SKIP_INVALID, false, progress::add).await().atMost(Fixture.WAIT);
        assertThat(progress).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(f.rows("SELECT rule_id, claim_kind, provider_npi FROM rule_hit WHERE ws_key = $1"))
                .containsExactly(List.of("RULE-MED-003", "medical", P3));
    }

    @Test
    void workspacesNeverSeeEachOthersClaims() {
        f.medical("D1", "M1", P1, "2024-03-01", "99213");
        f.save();
        Fixture other = Fixture.create(pool);
        try {
            other.provider(P1, "Internal Medicine").member("M1", null).save();
            other.medical("D2", "M1", P1, "2024-03-01", "99213");
            other.save();
            f.gate(gate, false);
            other.gate(gate, false);
            f.rules(engine, QualityMode.SKIP_INVALID, false);
            other.rules(engine, QualityMode.SKIP_INVALID, false);
            assertThat(f.allHits()).isEmpty();
            assertThat(other.allHits()).isEmpty();
        } finally {
            other.drop();
        }
    }

    @Test
    void everyRuleIsInTheCatalogueTable() {
        assertThat(f.rows("SELECT rule_id, claim_kind, enabled::text FROM rule WHERE $1::int8 IS NOT NULL ORDER BY rule_id"))
                .hasSize(10).contains(List.of("RULE-MED-001", "medical", "true"), List.of("RULE-RX-003", "pharmacy", "true"));
        assertThat(f.rows("SELECT thresholds->'max-units'->>'97110', thresholds->'pairs'->0->>'component' FROM rule"
                        + " WHERE $1::int8 IS NOT NULL AND rule_id IN ('RULE-MED-003', 'RULE-MED-005') ORDER BY rule_id"))
                .containsExactly(java.util.Arrays.asList("6", null), java.util.Arrays.asList(null, "80048"));
    }
}
