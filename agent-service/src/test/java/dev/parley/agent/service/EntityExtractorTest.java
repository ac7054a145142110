package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.agent.domain.Entities;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityExtractorTest {

    private final EntityExtractor extractor = new EntityExtractor();

    @Test
    void caseIdsNeedSixToTwelveDigitsAndComeOutUpperCase() {
        Entities entities = extractor.extract("see case-000123, CASE-123456789012 and Case-0000007; not CASE-12345, "
                + "CASE-1234567890123, CASE-000123abc, xCASE-000124 or CASE 000125");
        assertThat(entities.caseIds()).containsExactly("CASE-000123", "CASE-123456789012", "CASE-0000007");
    }

    @Test
    void caseIdsRepeatOnceInOrderOfAppearance() {
        assertThat(extractor.extract("CASE-000002 then CASE-000001 then case-000002").caseIds())
                .containsExactly("CASE-000002", "CASE-000001");
    }

    @Test
    void ruleIdsAcceptAnyCaseAndTwoToFourLetters() {
        Entities entities = extractor.extract("rule-med-001, RULE-RX-002, Rule-Abcd-003 but not RULE-M-004, "
                + "RULE-MEDIC-005, RULE-MED-0066, RULE-MED-07, RULE-MED-008x, RULE-MÉD-009 or rule-based");
        assertThat(entities.ruleIds()).containsExactly("RULE-MED-001", "RULE-RX-002", "RULE-ABCD-003");
    }

    @Test
    void npisMustPassTheLuhnCheckWithPrefix80840() {
        assertThat(EntityExtractor.isNpi("1234567893")).isTrue();
        assertThat(EntityExtractor.isNpi("1987654328")).isTrue();
        assertThat(EntityExtractor.isNpi("1234567890")).isFalse(); // wrong check digit
        assertThat(EntityExtractor.isNpi("123456789")).isFalse();
        assertThat(EntityExtractor.isNpi("12345678a3")).isFalse();
        Entities entities = extractor.extract("NPI 1234567893, npi:1987654328, NPI1456789019, bad 1234567890, "
                + "phone 555-1234567893, long 12345678931, glued 1234567893x");
        assertThat(entities.npis()).containsExactly("1234567893", "1987654328", "1456789019");
    }

    @Test
    void datesInFourFormatsAndOnlyRealOnes() {
        Entities entities = extractor.extract("on 2025-03-14, 03/15/2025, 16 Mar 2025, March 17, 2025, "
                + "Sept. 18 2025, 19th April 2025, 1-May-2025 and 2025-03-14T10:00Z");
        assertThat(entities.dates()).containsExactly(LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 15),
                LocalDate.of(2025, 3, 16), LocalDate.of(2025, 3, 17), LocalDate.of(2025, 9, 18),
                LocalDate.of(2025, 4, 19), LocalDate.of(2025, 5, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30", "2025-13-01", "2024-02-30", "02/30/2025", "13/01/2025", "31 Apr 2025",
        "February 29, 2025", "2025-3-14", "03/14/25", "14 Mar", "March 2025", "2025-03-144", "1899-01-01"})
    void impossibleOrIncompleteDatesAreNotDates(String text) {
        assertThat(extractor.extract("on " + text + " please").dates()).as(text).isEmpty();
    }

    @Test
    void aLeapDayIsADate() {
        assertThat(extractor.extract("02/29/2024").dates()).containsExactly(LocalDate.of(2024, 2, 29));
    }

    @Test
    void riskLevelsWhereTheyQualifyRiskOrCases() {
        assertThat(extractor.extract("show high-risk and CRITICAL cases").riskLevels())
                .containsExactly("high", "critical");
        assertThat(extractor.extract("cases with risk level: medium").riskLevels()).containsExactly("medium");
        assertThat(extractor.extract("which cases are low?").riskLevels()).containsExactly("low");
        assertThat(extractor.extract("how high is the bill, and is the volume low").riskLevels()).isEmpty();
    }

    @Test
    void statusesIncludingTheWaysToWriteInReview() {
        assertThat(extractor.extract("open cases, in review, in_review, In-Review, under review, escalated, closed")
                .statuses()).containsExactly("open", "in_review", "escalated", "closed");
        assertThat(extractor.extract("is CASE-000123 still open?").statuses()).containsExactly("open");
        assertThat(extractor.extract("status=open").statuses()).containsExactly("open");
        // "open" heading a request is the verb
        assertThat(extractor.extract("open CASE-000123").statuses()).isEmpty();
        assertThat(extractor.extract("open the cases page").statuses()).isEmpty();
        assertThat(extractor.extract("I want to open the case").statuses()).isEmpty();
    }

    @Test
    void placeholdersAreNotEntities() {
        Entities entities = extractor.extract("provider ⟦NPI_1⟧ on ⟦DATE_2⟧ with ⟦PERSON_3⟧");
        assertThat(entities.isEmpty()).isTrue();
        assertThat(extractor.placeholders("provider ⟦NPI_1⟧ on ⟦DATE_2⟧ and ⟦NPI_1⟧ again"))
                .containsExactly("⟦NPI_1⟧", "⟦DATE_2⟧");
        assertThat(extractor.placeholders("⟦NPI_1⟧ ⟦CREDIT_CARD_2⟧ ⟦npi_1⟧ ⟦NPI_⟧ ⟦_1⟧ ⟦NPI_1x⟧", "NPI"))
                .containsExactly("⟦NPI_1⟧");
        assertThat(extractor.placeholders("⟦CREDIT_CARD_2⟧")).containsExactly("⟦CREDIT_CARD_2⟧");
    }

    @Test
    void theOriginalsOfPlaceholdersAreReadWhenGiven() {
        Entities entities = extractor.extract("is ⟦NPI_1⟧ linked to CASE-000123 since ⟦DATE_1⟧? ⟦NPI_9⟧",
                Map.of("⟦NPI_1⟧", "1234567893", "⟦DATE_1⟧", "March 3, 2025", "⟦PERSON_1⟧", "CASE-000999"));
        assertThat(entities.npis()).containsExactly("1234567893");
        assertThat(entities.caseIds()).containsExactly("CASE-000123");
        assertThat(entities.dates()).containsExactly(LocalDate.of(2025, 3, 3));
        // an original that fails the check is no NPI
        assertThat(extractor.extract("⟦NPI_1⟧", Map.of("⟦NPI_1⟧", "1234567890")).npis()).isEmpty();
    }

    @Test
    void unicodeAndNullAreHarmless() {
        assertThat(extractor.extract(null).isEmpty()).isTrue();
        assertThat(extractor.extract("🙂 CASE-000123 ✔ naïve café ＣＡＳＥ-000124").caseIds())
                .containsExactly("CASE-000123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASE-", "RULE-MED-", "1234567893 ", "2025-03-", "03/14/", "⟦NPI_1", "in ", "14 Mar ",
        "0", "-", "⟦", "high "})
    void a100KbAdversarialTextIsScannedInLinearTime(String seed) {
        String text = seed.repeat(100_000 / seed.length() + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> extractor.extract(text));
    }
}
