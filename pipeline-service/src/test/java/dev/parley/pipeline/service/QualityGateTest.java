package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every issue type with its severity and detail, the statuses it sets, the scope and the report's shape. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class QualityGateTest {

    static final String P1 = TestNpi.valid(400_000_001L);
    static final String P2 = TestNpi.valid(400_000_002L);
    static final String RX1 = TestNpi.valid(500_000_001L);
    static final String UNKNOWN = TestNpi.valid(400_000_999L);

    @Inject
    Pool pool;

    @Inject
    QualityGate gate;

    Fixture f;

    @BeforeEach
    void workspace() {
        f = Fixture.create(pool);
        f.provider(P1, "Internal Medicine").provider(P2, "Internal Medicine").provider(RX1, "Pharmacy");
        f.member("M1", null).member("M2", "2024-12-31");
    }

    @AfterEach
    void drop() {
        f.drop();
    }

    @Test
    void everyIssueTypeWithItsSeverityAndWhichClaimsFail() {
        f.medical("OK1", "M1", P1, "2024-03-01", "99213");
        // errors
        f.medical("MF1", "M1", P1, "2024-03-01", "99214").units(null).placeOfService(null);
        f.medical("IV1", "M1", P1, "1899-12-31", "99213").units(0).amount("-12.50");
        f.medical("IV2", "M1", TestNpi.invalid(400_000_001L), LocalDate.now().plusDays(2).toString(), "9921");
        f.medical("IV3", "M1", P1, LocalDate.now().plusDays(1).toString(), "0001F").amount("0.00");
        f.medical("UP1", "M1", UNKNOWN, "2024-03-01", "99213");
        // warnings: a duplicate pair, an unknown member
        f.medical("DU1", "M2", P2, "2024-03-02", "99215");
        f.medical("DU2", "M2", P2, "2024-03-02", "99215");
        f.medical("UM1", "NOBODY", P1, "2024-03-03", "99213");
        f.pharmacy("RXOK", "M1", RX1, "2024-03-01", "00002143380");
        f.pharmacy("RXMF", "M1", RX1, "2024-03-01", "00002143381").daysSupply(null).prescriber(null);
        f.pharmacy("RXIV", "M1", RX1, "2024-03-01", "0000214338").quantity("0").daysSupply(0)
                .prescriber(TestNpi.invalid(999_000_001L));
        f.pharmacy("RXUP", "M1", UNKNOWN, "2024-03-01", "00002143382");
        f.pharmacy("RXD1", "M2", RX1, "2024-03-05", "00002143383");
        f.pharmacy("RXD2", "M2", RX1, "2024-03-05", "00002143383");
        f.save();

        QualityReport report = f.gate(gate, false);

        assertThat(report.issues()).extracting(QualityIssue::claimKind, QualityIssue::claimId, QualityIssue::issueType,
                QualityIssue::severity).containsExactly(
                tuple("medical", "DU1", "duplicate", "warning"),
                tuple("medical", "DU2", "duplicate", "warning"),
                tuple("medical", "IV1", "invalid_value", "error"),
                tuple("medical", "IV2", "invalid_value", "error"),
                tuple("medical", "IV2", "unknown_provider", "error"),
                tuple("medical", "IV3", "invalid_value", "error"),
                tuple("medical", "MF1", "missing_field", "error"),
                tuple("medical", "UM1", "unknown_member", "warning"),
                tuple("medical", "UP1", "unknown_provider", "error"),
                tuple("pharmacy", "RXD1", "duplicate", "warning"),
                tuple("pharmacy", "RXD2", "duplicate", "warning"),
                tuple("pharmacy", "RXIV", "invalid_value", "error"),
                tuple("pharmacy", "RXMF", "missing_field", "error"),
                tuple("pharmacy", "RXUP", "unknown_provider", "error"));
        assertThat(report.total()).isEqualTo(15);
        assertThat(report.failed()).isEqualTo(8);
        assertThat(report.passed()).isEqualTo(7);
        assertThat(report.issueCounts()).containsExactly(Map.entry("missing_field", 2L), Map.entry("invalid_value", 4L),
                Map.entry("unknown_provider", 3L), Map.entry("duplicate", 4L), Map.entry("outlier", 0L),
                Map.entry("unknown_member", 1L));

        assertThat(detail(report, "MF1", "missing_field")).isEqualTo("units, place_of_service");
        assertThat(detail(report, "IV1", "invalid_value"))
                .isEqualTo("service_date outside 1900-01-01..today+1; units 0 < 1; amount_billed -12.50 <= 0");
        assertThat(detail(report, "IV2", "invalid_value")).isEqualTo("service_date outside 1900-01-01..today+1;"
                + " cpt_code is not 4 digits and a digit or capital letter; provider_npi is not 10 digits passing the NPI check");
        assertThat(detail(report, "IV3", "invalid_value")).isEqualTo("amount_billed 0.00 <= 0");
        assertThat(detail(report, "UP1", "unknown_provider"))
                .isEqualTo("provider_npi " + UNKNOWN + " is not among the workspace's providers");
        assertThat(detail(report, "DU1", "duplicate")).isEqualTo("same provider, member, service date and CPT as 1 other claim(s)");
        assertThat(detail(report, "RXMF", "missing_field")).isEqualTo("prescriber_npi, days_supply");
        assertThat(detail(report, "RXIV", "invalid_value")).isEqualTo("quantity 0.000 <= 0; days_supply 0 < 1;"
                + " ndc_code is not 11 digits; prescriber_npi is not 10 digits passing the NPI check");
        assertThat(report.issues()).allSatisfy(issue -> assertThat(issue.detail()).doesNotContain("M1", "M2", "NOBODY", "enc:"));

        for (String passed : List.of("OK1", "DU1", "DU2", "UM1")) {
            assertThat(f.status("medical_claim", passed)).as(passed).isEqualTo("passed");
        }
        for (String failed : List.of("MF1", "IV1", "IV2", "IV3", "UP1")) {
            assertThat(f.status("medical_claim", failed)).as(failed).isEqualTo("failed");
        }
        assertThat(f.status("pharmacy_claim", "RXOK")).isEqualTo("passed");
        assertThat(f.status("pharmacy_claim", "RXD2")).isEqualTo("passed");
        assertThat(f.status("pharmacy_claim", "RXUP")).isEqualTo("failed");
    }

    private static String detail(QualityReport report, String claimId, String type) {
        return report.issues().stream().filter(i -> i.claimId().equals(claimId) && i.issueType().equals(type))
                .findFirst().orElseThrow().detail();
    }

    @Test
    void outliersBeyondMeanPlusSigmasInGroupsOfMinGroupSize() {
        for (int i = 0; i < 30; i++) {
            f.medical("G" + i, "M1", P1, LocalDate.of(2024, 1, 1).plusDays(i).toString(), "99213")
                    .amount(i == 0 ? "10000.00" : "100.00");
        }
        for (int i = 0; i < 29; i++) {
            f.medical("H" + i, "M1", P1, LocalDate.of(2024, 1, 1).plusDays(i).toString(), "99214")
                    .amount(i == 0 ? "10000.00" : "100.00");
        }
        f.save();
        QualityReport report = f.gate(gate, false);
        assertThat(report.issues()).extracting(QualityIssue::claimId, QualityIssue::issueType, QualityIssue::severity)
                .containsExactly(tuple("G0", "outlier", "warning"));
        assertThat(report.issues().get(0).detail())
                .isEqualTo("amount_billed 10000.00 above 5761.31 (mean 430.00 + 3 sd 1777.10 of the 30 claims of CPT 99213)");
        assertThat(report.failed()).isZero();
    }

    @Test
    void onlyUnprocessedClaimsAreInScopeUnlessForced() {
        f.medical("A1", "M1", P1, "2024-03-01", "99213");
        f.medical("A2", "M1", P1, "2024-03-02", "99213").diagnosis(null);
        f.save();
        QualityReport first = f.gate(gate, false);
        assertThat(first.total()).isEqualTo(2);
        f.markProcessed(UUID.randomUUID());

        // a duplicate of a processed claim: judged against it, the processed one is not re-checked
        f.medical("A3", "M1", P1, "2024-03-01", "99213");
        f.save();
        QualityReport second = f.gate(gate, false);
        assertThat(second.total()).isEqualTo(1);
        assertThat(second.issues()).extracting(QualityIssue::claimId, QualityIssue::issueType)
                .containsExactly(tuple("A3", "duplicate"));

        QualityReport forced = f.gate(gate, true);
        assertThat(forced.total()).isEqualTo(3);
        assertThat(forced.failed()).isEqualTo(1);
        assertThat(forced.issues()).extracting(QualityIssue::claimId, QualityIssue::issueType).containsExactly(
                tuple("A1", "duplicate"), tuple("A2", "missing_field"), tuple("A3", "duplicate"));
    }

    @Test
    void aFixedClaimPassesWhenCheckedAgain() {
        f.medical("A1", "M1", P1, "2024-03-01", "99213").diagnosis(null);
        f.save();
        f.gate(gate, false);
        assertThat(f.status("medical_claim", "A1")).isEqualTo("failed");
        f.rows("UPDATE medical_claim SET diagnosis_code = 'J06.9' WHERE ws_key = $1 RETURNING 1");
        QualityReport again = f.gate(gate, false);
        assertThat(again.failed()).isZero();
        assertThat(f.status("medical_claim", "A1")).isEqualTo("passed");
    }

    @Test
    void theListingIsCappedAndTheCountsCoverAll() {
        for (int i = 0; i < 1200; i++) {
            f.medical(String.format("Z%05d", i), "NOBODY", P1, "2024-03-01", "99213").amount(String.valueOf(100 + i));
        }
        f.save();
        QualityReport report = f.gate(gate, false);
        assertThat(report.issues()).hasSize(1000);
        assertThat(report.issues().get(0).claimId()).isEqualTo("Z00000");
        // two issues a claim, in the README's order
        assertThat(report.issues().get(998)).extracting(QualityIssue::claimId, QualityIssue::issueType)
                .containsExactly("Z00499", "duplicate");
        assertThat(report.issues().get(999)).extracting(QualityIssue::claimId, QualityIssue::issueType)
                .containsExactly("Z00499", "unknown_member");
        assertThat(report.issues().get(0).detail()).isEqualTo("same provider, member, service date and CPT as 1199 other claim(s)");
        assertThat(report.issueCounts()).containsEntry("unknown_member", 1200L).containsEntry("duplicate", 1200L);
        assertThat(report.total()).isEqualTo(1200);
        assertThat(report.passed()).isEqualTo(1200);
    }

    @Test
    void anEmptyScopeIsAnEmptyReport() {
        QualityReport report = f.gate(gate, false);
        assertThat(report.total()).isZero();
        assertThat(report.issues()).isEmpty();
        assertThat(report.issueCounts().values()).containsOnly(0L);
    }

    @Test
    void npiCheckInTheDatabaseMatchesTheLuhnRule() {
        assertThat(f.rows("SELECT npi_valid('1234567893')::text, npi_valid('1234567890')::text, npi_valid('123456789')::text,"
                + " npi_valid('12345678931')::text, npi_valid('123456789a')::text, $1::int8 IS NOT NULL"))
                .containsExactly(List.of("true", "false", "false", "false", "false", "true"));
        for (long base = 1; base < 200_000_000L; base += 9_999_991L) {
            String valid = TestNpi.valid(base);
            assertThat(f.rows("SELECT npi_valid('" + valid + "')::text, npi_valid('" + TestNpi.invalid(base)
                    + "')::text, $1::int8 IS NOT NULL")).containsExactly(List.of("true", "false", "true"));
        }
    }
}
