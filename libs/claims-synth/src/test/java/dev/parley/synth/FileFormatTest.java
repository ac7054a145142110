package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every line of a demo data set read back against the README's data formats. */
class FileFormatTest {

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]+\\.[0-9]{2}");
    private static final Pattern DIAGNOSIS = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
    private static final Set<String> SPECIALTIES = Set.of("Family Medicine", "Internal Medicine", "Cardiology",
        "Physical Therapy", "Psychiatry", "Gastroenterology", "Pharmacy");
    private static final LocalDate FIRST_SERVICE_DAY = LocalDate.of(2025, 1, 1);
    private static final LocalDate LAST_SERVICE_DAY = LocalDate.of(2025, 12, 31);

    private static DeterminismTest.Output output;
    private static GroundTruth truth;
    private static Set<String> failing;

    @BeforeAll
    static void generate() throws IOException {
        output = DeterminismTest.generate(SynthSpec.demo(42));
        truth = output.groundTruth();
        failing = new HashSet<>();
        truth.qualityIssues().values().forEach(failing::addAll);
    }

    @Test
    void headersAreExactlyTheReadmeColumns() {
        assertThat(CsvFile.parse(output.providers()).header()).containsExactly("npi", "name", "specialty", "state");
        assertThat(CsvFile.parse(output.members()).header())
            .containsExactly("member_id", "first_name", "last_name", "date_of_birth", "coverage_end");
        assertThat(CsvFile.parse(output.medical()).header()).containsExactly("claim_id", "member_id", "provider_npi",
            "service_date", "cpt_code", "units", "amount_billed", "diagnosis_code", "place_of_service");
        assertThat(CsvFile.parse(output.pharmacy()).header()).containsExactly("claim_id", "member_id",
            "pharmacy_npi", "prescriber_npi", "fill_date", "ndc_code", "quantity", "days_supply", "amount_billed");
    }

    @Test
    void everyRowHasTheHeadersCellsAndNoCellLooksLikeAFormula() {
        for (String text : List.of(output.providers(), output.members(), output.medical(), output.pharmacy())) {
            assertThat(text).doesNotContain("\r");
            CsvFile file = CsvFile.parse(text);
            for (List<String> row : file.rows()) {
                assertThat(row).hasSameSizeAs(file.header());
                for (String cell : row) {
                    assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-")
                        .doesNotStartWith("@").doesNotStartWith("\t").isEqualTo(cell.strip());
                }
            }
        }
    }

    @Test
    void providersHaveLuhnNpisKnownSpecialtiesAndStates() {
        CsvFile providers = CsvFile.parse(output.providers());
        var npis = new HashSet<String>();
        for (List<String> row : providers.rows()) {
            assertThat(RuleOracle.luhnNpi(row.get(0))).as(row.get(0)).isTrue();
            assertThat(npis.add(row.get(0))).isTrue();
            assertThat(row.get(1)).isNotBlank();
            assertThat(row.get(2)).isIn(SPECIALTIES);
            assertThat(row.get(3)).matches("[A-Z]{2}");
        }
        assertThat(providers.rows()).hasSize(40);
        assertThat(providers.rows().stream().filter(row -> row.get(2).equals("Pharmacy"))).hasSize(6);
    }

    @Test
    void membersHaveNamesBirthDatesAndCoverageEnds() {
        CsvFile members = CsvFile.parse(output.members());
        var ids = new HashSet<String>();
        int inactive = 0;
        for (List<String> row : members.rows()) {
            assertThat(row.get(0)).matches("M[0-9]{8}");
            assertThat(ids.add(row.get(0))).isTrue();
            assertThat(row.get(1)).isNotBlank();
            assertThat(row.get(2)).isNotBlank();
            assertThat(LocalDate.parse(row.get(3))).isBetween(LocalDate.of(1930, 1, 1), LocalDate.of(2020, 12, 31));
            if (!row.get(4).isEmpty()) {
                LocalDate end = LocalDate.parse(row.get(4));
                inactive += end.isAfter(LAST_SERVICE_DAY) ? 0 : 1;
                assertThat(end).satisfiesAnyOf(day -> assertThat(day).isAfter(LAST_SERVICE_DAY),
                    day -> assertThat(day).isEqualTo(LocalDate.of(2025, 6, 30)));
            }
        }
        assertThat(members.rows()).hasSize(500);
        assertThat(inactive).isEqualTo(4);
    }

    @Test
    void medicalClaimsAreNumberedInOrderAndWellFormed() {
        CsvFile medical = CsvFile.parse(output.medical());
        assertThat(medical.rows()).hasSize(4000);
        for (int i = 0; i < medical.rows().size(); i++) {
            List<String> row = medical.rows().get(i);
            assertThat(row.get(0)).isEqualTo("MC-%08d", i + 1);
            if (failing.contains(row.get(0))) {
                continue;
            }
            assertThat(row.get(1)).matches("M[0-9]{8}");
            assertThat(RuleOracle.luhnNpi(row.get(2))).isTrue();
            assertThat(row.get(3)).matches(DATE);
            assertThat(LocalDate.parse(row.get(3))).isBetween(FIRST_SERVICE_DAY, LAST_SERVICE_DAY);
            assertThat(row.get(4)).matches("[0-9]{4}[0-9A-Z]");
            assertThat(Integer.parseInt(row.get(5))).isBetween(1, 9);
            assertThat(row.get(6)).matches(AMOUNT);
            assertThat(new BigDecimal(row.get(6))).isPositive();
            assertThat(row.get(7)).matches(DIAGNOSIS);
            assertThat(row.get(8)).matches("[0-9]{2}");
        }
    }

    @Test
    void pharmacyClaimsAreNumberedInOrderAndWellFormed() {
        CsvFile pharmacy = CsvFile.parse(output.pharmacy());
        assertThat(pharmacy.rows()).hasSize(1000);
        for (int i = 0; i < pharmacy.rows().size(); i++) {
            List<String> row = pharmacy.rows().get(i);
            assertThat(row.get(0)).isEqualTo("RX-%08d", i + 1);
            if (failing.contains(row.get(0))) {
                continue;
            }
            assertThat(row.get(1)).matches("M[0-9]{8}");
            assertThat(RuleOracle.luhnNpi(row.get(2))).isTrue();
            assertThat(RuleOracle.luhnNpi(row.get(3))).isTrue();
            assertThat(LocalDate.parse(row.get(4))).isBetween(FIRST_SERVICE_DAY, LAST_SERVICE_DAY);
            assertThat(row.get(5)).matches("[0-9]{11}");
            assertThat(new BigDecimal(row.get(6))).isPositive();
            assertThat(row.get(7)).isIn("7", "14", "30", "90");
            assertThat(row.get(8)).matches(AMOUNT);
            assertThat(new BigDecimal(row.get(8))).isPositive();
        }
    }

    @Test
    void aHandfulOfClaimsCarryQualityIssues() {
        assertThat(truth.qualityIssues().get("missing_field")).hasSize(3);
        assertThat(truth.qualityIssues().get("invalid_value")).hasSize(7);
        assertThat(truth.qualityIssues().get("unknown_provider")).hasSize(3);
    }
}
