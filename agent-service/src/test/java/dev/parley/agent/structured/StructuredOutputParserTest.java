package dev.parley.agent.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StructuredOutputParserTest {

    private static final String SUMMARY = """
            {"caseId": "CASE-000123", "riskLevel": "high",
             "headline": "Provider bills level-5 visits at three times the peer rate",
             "keyFindings": ["62% of E/M visits billed as 99215", "Units above the daily limit on 14 claims"],
             "ruleIds": ["RULE-MED-001", "RULE-MED-004"], "recommendedAction": "request_records",
             "evidenceClaimIds": ["MC-100045", "MC-100046"], "estimatedOverpayment": 18250.75}""";

    private static ValidatorFactory validators;
    private static StructuredOutputParser parser;

    @BeforeAll
    static void buildParser() {
        validators = jakarta.validation.Validation.buildDefaultValidatorFactory();
        parser = new StructuredOutputParser(validators.getValidator());
    }

    @AfterAll
    static void closeValidators() {
        validators.close();
    }

    private static Parsed<CaseSummary> summary(String text) {
        return parser.parse(text, CaseSummary.class);
    }

    private static void assertIsTheSummary(CaseSummary value) {
        assertThat(value.caseId()).isEqualTo("CASE-000123");
        assertThat(value.riskLevel()).isEqualTo("high");
        assertThat(value.headline()).isEqualTo("Provider bills level-5 visits at three times the peer rate");
        assertThat(value.keyFindings()).containsExactly("62% of E/M visits billed as 99215",
                "Units above the daily limit on 14 claims");
        assertThat(value.ruleIds()).containsExactly("RULE-MED-001", "RULE-MED-004");
        assertThat(value.recommendedAction()).isEqualTo("request_records");
        assertThat(value.evidenceClaimIds()).containsExactly("MC-100045", "MC-100046");
        assertThat(value.estimatedOverpayment()).isEqualByComparingTo("18250.75");
    }

    // status and confidence

    @Test
    void jsonAsItIsIsValidWithFullConfidence() {
        Parsed<CaseSummary> parsed = summary("  \n" + SUMMARY + "\n ");

        assertThat(parsed.validation().status()).isEqualTo("valid");
        assertThat(parsed.validation().confidence()).isEqualTo(1.0);
        assertThat(parsed.validation().errors()).isEmpty();
        assertThat(parsed.repairs()).isEmpty();
        assertThat(parsed.usable()).isTrue();
        assertIsTheSummary(parsed.value());
    }

    @Test
    void unknownPropertiesAreIgnoredAndOptionalListsReadAsEmpty() {
        Parsed<CaseSummary> parsed = summary("""
                {"caseId": "CASE-000123", "riskLevel": "low", "headline": "No pattern beyond one duplicate",
                 "keyFindings": ["One duplicate claim"], "recommendedAction": "close_no_action",
                 "modelNotes": {"thinking": "..."}}""");

        assertThat(parsed.validation().status()).isEqualTo("valid");
        assertThat(parsed.value().ruleIds()).isEmpty();
        assertThat(parsed.value().evidenceClaimIds()).isEmpty();
        assertThat(parsed.value().estimatedOverpayment()).isNull();
    }

    @Test
    void everyRepairLowersTheConfidenceAndInvalidIsZero() {
        double valid = summary(SUMMARY).validation().confidence();
        double fenced = summary("```json\n" + SUMMARY + "\n```").validation().confidence();
        double fencedWithProse = summary("Here it is:\n```json\n" + SUMMARY + "\n```\nAnything else?")
                .validation().confidence();
        double fencedProseAndComma = summary("Here it is:\n```json\n" + SUMMARY.replace("]", ",]") + "\n```")
                .validation().confidence();
        double truncated = summary(SUMMARY.substring(0, SUMMARY.indexOf(", \"estimatedOverpayment\"")))
                .validation().confidence();
        double invalid = summary(SUMMARY.replace("CASE-000123", "CASE-1")).validation().confidence();

        assertThat(valid).isEqualTo(1.0);
        assertThat(fenced).isEqualTo(0.98);
        assertThat(fencedWithProse).isEqualTo(0.93);
        assertThat(fencedProseAndComma).isEqualTo(0.88);
        assertThat(truncated).isEqualTo(0.70);
        assertThat(invalid).isEqualTo(0.0);
        assertThat(List.of(valid, fenced, fencedWithProse, fencedProseAndComma, truncated, invalid))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a)).doesNotHaveDuplicates();
    }

    @Test
    void confidenceIsOneMinusThePenaltiesAndNeverBelowAFloor() {
        assertThat(StructuredOutputParser.confidence(java.util.Set.of())).isEqualTo(1.0);
        assertThat(StructuredOutputParser.confidence(java.util.Set.of(Repair.SINGLE_QUOTES, Repair.SMART_QUOTES)))
                .isEqualTo(0.85);
        assertThat(StructuredOutputParser.confidence(java.util.EnumSet.allOf(Repair.class)))
                .isEqualTo(0.31).isGreaterThan(0.0);
    }

    // recovery, one step at a time

    @Test
    void codeFenceIsStripped() {
        Parsed<CaseSummary> parsed = summary("```json\n" + SUMMARY + "\n```");

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.CODE_FENCE);
        assertIsTheSummary(parsed.value());
    }

    @Test
    void codeFenceWithoutLanguageOrClosingFenceIsStripped() {
        Parsed<CaseSummary> parsed = summary("```\n" + SUMMARY);

        assertThat(parsed.repairs()).containsExactly(Repair.CODE_FENCE);
        assertIsTheSummary(parsed.value());
    }

    @Test
    void proseAroundTheObjectIsDropped() {
        Parsed<CaseSummary> parsed = summary("Here is the summary {as requested}:\n\n" + SUMMARY
                + "\n\nLet me know if you want the claims listed {one per line}.");

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.SURROUNDING_TEXT);
        assertThat(parsed.validation().confidence()).isEqualTo(0.95);
        assertIsTheSummary(parsed.value());
    }

    @Test
    void trailingCommasAreRemoved() {
        Parsed<CaseSummary> parsed = summary(SUMMARY.replace("99215\", ", "99215\",, ")
                .replace("\"RULE-MED-004\"]", "\"RULE-MED-004\",\n]").replace("18250.75}", "18250.75,\n}"));

        assertThat(parsed.repairs()).containsExactly(Repair.TRAILING_COMMAS);
        assertIsTheSummary(parsed.value());
    }

    @Test
    void truncatedInsideAStringIsClosed() {
        String text = """
                {"caseId": "CASE-000123", "riskLevel": "critical", "recommendedAction": "escalate",
                 "keyFindings": ["Same member billed by 4 pharmacies in a week"],
                 "headline": "Controlled substance fills across four pharm""";

        Parsed<CaseSummary> parsed = summary(text);

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.TRUNCATED);
        assertThat(parsed.value().headline()).isEqualTo("Controlled substance fills across four pharm");
        assertThat(parsed.value().riskLevel()).isEqualTo("critical");
    }

    @Test
    void truncatedInsideAnArrayClosesTheArrayAndTheObject() {
        String head = """
                {"caseId": "CASE-000123", "riskLevel": "high", "headline": "Upcoding",
                 "recommendedAction": "review_claims",
                 "keyFindings": ["62% of visits billed as 99215", "Units above the limit""";

        Parsed<CaseSummary> midString = summary(head.substring(0, head.indexOf(" the limit")));
        Parsed<CaseSummary> afterComma = summary(head.substring(0, head.indexOf("\"Units")));

        assertThat(midString.validation().status()).isEqualTo("repaired");
        assertThat(midString.value().keyFindings()).containsExactly("62% of visits billed as 99215", "Units above");
        assertThat(afterComma.validation().status()).isEqualTo("repaired");
        assertThat(afterComma.value().keyFindings()).containsExactly("62% of visits billed as 99215");
        assertThat(afterComma.repairs()).containsExactly(Repair.TRUNCATED);
    }

    @Test
    void truncatedAfterAKeyAColonOrInsideALiteralOrNumber() {
        String head = """
                {"caseId": "CASE-000123", "riskLevel": "high", "headline": "Upcoding", "recommendedAction": "escalate",
                 "keyFindings": ["62% of visits billed as 99215"], """;

        assertThat(summary(head + "\"estimatedOverpayment\"").value().estimatedOverpayment()).isNull();
        assertThat(summary(head + "\"estimatedOverpayment\": ").value().estimatedOverpayment()).isNull();
        assertThat(summary(head + "\"estimatedOverpayment\": 1200.").value().estimatedOverpayment())
                .isEqualByComparingTo("1200");
        assertThat(summary(head + "\"estimatedOverpayment\": nu").value().estimatedOverpayment()).isNull();
        assertThat(summary(head + "\"evidenceClaimIds\": [\"MC-1\\u00").value().evidenceClaimIds())
                .containsExactly("MC-1");
        assertThat(JsonRepair.completeToken("tr")).isEqualTo("true");
        assertThat(JsonRepair.completeToken("-")).isEqualTo("null");
        assertThat(JsonRepair.completeToken("1.5e")).isEqualTo("1.5");
    }

    @Test
    void singleQuotesBecomeDoubleQuotesButApostrophesStay() {
        Parsed<CaseSummary> parsed = summary("""
                {'caseId': 'CASE-000123', 'riskLevel': 'medium', 'headline': 'The lab's billing doubled in March',
                 'keyFindings': ['Billed as "new patient" visits', "Member's claims split across two NPIs"],
                 'recommendedAction': 'review_claims'}""");

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.SINGLE_QUOTES);
        assertThat(parsed.value().headline()).isEqualTo("The lab's billing doubled in March");
        assertThat(parsed.value().keyFindings()).containsExactly("Billed as \"new patient\" visits",
                "Member's claims split across two NPIs");
    }

    @Test
    void smartQuotesAsDelimitersAreReplacedButKeptInsideStrings() {
        Parsed<CaseSummary> repaired = summary("""
                {“caseId”: “CASE-000123”, “riskLevel”: “low”, “headline”: “One duplicate”,
                 “keyFindings”: [‘Duplicate of MC-100045’], “recommendedAction”: “close_no_action”}""");
        Parsed<CaseSummary> untouched = summary("""
                {"caseId": "CASE-000123", "riskLevel": "low", "headline": "Billed as “new patient” visits",
                 "keyFindings": ["One"], "recommendedAction": "close_no_action"}""");

        assertThat(repaired.validation().status()).isEqualTo("repaired");
        assertThat(repaired.repairs()).containsExactly(Repair.SMART_QUOTES);
        assertThat(repaired.value().caseId()).isEqualTo("CASE-000123");
        assertThat(repaired.value().keyFindings()).containsExactly("Duplicate of MC-100045");
        assertThat(untouched.validation().status()).isEqualTo("valid");
        assertThat(untouched.value().headline()).isEqualTo("Billed as “new patient” visits");
    }

    @Test
    void unquotedKeysAreQuoted() {
        Parsed<CaseSummary> parsed = summary("""
                {caseId: "CASE-000123", riskLevel: "high", headline: "Upcoding",
                 keyFindings: ["62% of visits billed as 99215"], recommendedAction: "escalate",
                 estimatedOverpayment: null}""");

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.UNQUOTED_KEYS);
        assertThat(parsed.value().recommendedAction()).isEqualTo("escalate");
        assertThat(parsed.value().estimatedOverpayment()).isNull();
    }

    @Test
    void rawLineBreaksInsideStringsAreEscaped() {
        Parsed<Report> parsed = parser.parse("""
                {"title": "Weekly review", "sections": [{"heading": "Overview", "body": "Line one.
                Line two."}]}""", Report.class);

        assertThat(parsed.repairs()).containsExactly(Repair.CONTROL_CHARACTERS);
        assertThat(parsed.value().sections().getFirst().body()).isEqualTo("Line one.\nLine two.");
    }

    @Test
    void nestedObjectsAreRepairedAtEveryLevel() {
        Parsed<Report> parsed = parser.parse("""
                Sure! ```json
                {'title': 'January risk review',
                 period: {from: '2026-01-01', to: '2026-01-31',},
                 'sections': [{'heading': 'Overview', 'body': 'Three providers account for most hits.'}],
                 'metrics': {'open_cases': 12, 'total_billed_usd': 48210.50,},
                 'caseIds': ['CASE-000101', 'CASE-000102'],}
                ```""", Report.class);

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.repairs()).containsExactly(Repair.CODE_FENCE, Repair.SURROUNDING_TEXT,
                Repair.TRAILING_COMMAS, Repair.SINGLE_QUOTES, Repair.UNQUOTED_KEYS);
        Report report = parsed.value();
        assertThat(report.period().from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(report.period().to()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(report.metrics()).containsOnlyKeys("open_cases", "total_billed_usd");
        assertThat(report.metrics().get("total_billed_usd")).isEqualByComparingTo(new BigDecimal("48210.50"));
        assertThat(report.caseIds()).containsExactly("CASE-000101", "CASE-000102");
    }

    @Test
    void arraysOfObjectsSurviveTruncationInsideTheLastOne() {
        Parsed<Report> parsed = parser.parse("""
                {"title": "Top risks", "caseIds": ["CASE-000101"], "sections": [
                  {"heading": "Overview", "body": "Two rules drive most hits."},
                  {"heading": "RULE-MED-001", "body": "Level-5 visits at three times the peer ra""", Report.class);

        assertThat(parsed.validation().status()).isEqualTo("repaired");
        assertThat(parsed.value().sections()).extracting(Report.Section::heading)
                .containsExactly("Overview", "RULE-MED-001");
        assertThat(parsed.value().sections().get(1).body()).isEqualTo("Level-5 visits at three times the peer ra");
    }

    @Test
    void aMismatchedCloserIsFixed() {
        Parsed<CaseSummary> parsed = summary(SUMMARY.replace("\"RULE-MED-004\"]", "\"RULE-MED-004\"}"));

        assertThat(parsed.repairs()).containsExactly(Repair.TRUNCATED);
        assertIsTheSummary(parsed.value());
    }

    // invalid

    @Test
    void constraintViolationsAreReportedByField() {
        Parsed<CaseSummary> parsed = summary("""
                {"caseId": "CASE-12", "riskLevel": "severe", "headline": "%s", "keyFindings": [],
                 "ruleIds": ["RULE-1"], "recommendedAction": "sue", "evidenceClaimIds": [%s],
                 "estimatedOverpayment": -5}""".formatted("x".repeat(201),
                IntStream.range(0, 51).mapToObj(i -> "\"MC-" + i + "\"").collect(Collectors.joining(","))));

        assertThat(parsed.validation().status()).isEqualTo("invalid");
        assertThat(parsed.validation().confidence()).isEqualTo(0.0);
        assertThat(parsed.value()).isNull();
        assertThat(parsed.usable()).isFalse();
        assertThat(parsed.validation().errors()).containsExactly(
                "caseId: must be a case id like CASE-000123",
                "estimatedOverpayment: must be greater than or equal to 0",
                "evidenceClaimIds: size must be between 0 and 50",
                "headline: size must be between 0 and 200",
                "keyFindings: size must be between 1 and 10",
                "recommendedAction: must be one of " + CaseSummary.ACTIONS,
                "riskLevel: must be one of low, medium, high, critical",
                "ruleIds[0]: must be a rule id like RULE-MED-001");
    }

    @Test
    void listElementsAndNestedFieldsAreNamedWithTheirIndex() {
        Parsed<CaseSummary> summary = summary(SUMMARY.replace("\"Units above the daily limit on 14 claims\"",
                "\"" + "y".repeat(301) + "\", null"));
        Parsed<Report> report = parser.parse("""
                {"title": "Review", "period": {"from": "2026-02-01", "to": "2026-01-01"},
                 "sections": [{"heading": "Ok", "body": "Fine"}, {"heading": " ", "body": "%s"}],
                 "metrics": {"open_cases": null}}""".formatted("z".repeat(4001)), Report.class);

        assertThat(summary.validation().errors()).containsExactly(
                "keyFindings[1]: size must be between 0 and 300", "keyFindings[2]: must not be blank");
        assertThat(report.validation().errors()).containsExactly(
                "metrics[open_cases]: must not be null",
                "period.ordered: must not end before it starts",
                "sections[1].body: size must be between 0 and 4000",
                "sections[1].heading: must not be blank");
    }

    @Test
    void missingRequiredFieldsAreViolations() {
        Parsed<CaseSummary> parsed = summary("{\"caseId\": \"CASE-000123\"}");

        assertThat(parsed.validation().errors()).containsExactly("headline: must not be blank",
                "keyFindings: must not be null", "recommendedAction: must not be null", "riskLevel: must not be null");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithoutQuotingIt() {
        Parsed<CaseSummary> list = summary(SUMMARY.replace("[\"62% of E/M visits billed as 99215\", "
                + "\"Units above the daily limit on 14 claims\"]", "\"member SSN 123-45-6789\""));
        Parsed<Report> date = parser.parse("""
                {"title": "Review", "period": {"from": "last Tuesday", "to": "2026-01-01"},
                 "sections": [{"heading": "Ok", "body": "Fine"}]}""", Report.class);

        assertThat(list.validation().status()).isEqualTo("invalid");
        assertThat(list.validation().errors()).containsExactly("keyFindings: expected a list");
        assertThat(date.validation().errors()).containsExactly("period.from: expected a date (YYYY-MM-DD)");
        assertThat(String.join(" ", date.validation().errors()) + list.validation().errors())
                .doesNotContain("Tuesday", "123-45-6789");
    }

    @Test
    void textWithoutAnObjectOrBeyondRepairIsInvalid() {
        assertThat(summary("I could not find that case.").validation().errors())
                .containsExactly("$: no JSON object found");
        assertThat(summary("   ").validation().errors()).containsExactly("$: the answer is empty");
        assertThat(summary(null).validation().status()).isEqualTo("invalid");
        Parsed<CaseSummary> missingComma = summary("{\"caseId\": \"CASE-000123\" \"riskLevel\": \"high\"}");
        assertThat(missingComma.validation().errors()).containsExactly("$: not valid JSON, even after repair");
        assertThat(missingComma.value()).isNull();
    }

    @Test
    void tooManyErrorsAreCappedWithACount() {
        String ids = IntStream.range(0, 30).mapToObj(i -> "\"bad id " + i + "\"").collect(Collectors.joining(","));
        Parsed<CaseSummary> parsed = summary(SUMMARY.replace("[\"MC-100045\", \"MC-100046\"]", "[" + ids + "]"));

        assertThat(parsed.validation().errors()).hasSize(StructuredOutputParser.MAX_ERRORS + 1)
                .endsWith("$: 10 more errors");
    }

    @Test
    void tooDeepOrTooLongInputIsRefused() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        String deepAndTruncated = "{\"a\":".repeat(40) + "1";

        assertThat(summary(deep).validation().errors()).containsExactly("$: nested deeper than 32 levels");
        assertThat(summary(deepAndTruncated).validation().errors()).containsExactly("$: nested deeper than 32 levels");
        assertThat(summary(SUMMARY + " ".repeat(StructuredOutputParser.MAX_INPUT_CHARS)).validation().errors())
                .containsExactly("$: the answer is longer than 262144 characters");
    }

    static Stream<String> hostileInputs() {
        int size = 200 * 1024;
        List<String> inputs = new ArrayList<>();
        inputs.add("{[".repeat(size / 2));
        inputs.add("{[\"'".repeat(size / 4));
        inputs.add("{\"a\": [\"" + "'\"{[".repeat(size / 4));
        inputs.add("{'" + "' ".repeat(size / 2));
        inputs.add("{" + "'a' : ".repeat(size / 6));
        inputs.add("{" + " ".repeat(size) + "x");
        inputs.add("{\"k\": \"" + "\\".repeat(size));
        inputs.add("{a" + "a".repeat(size));
        inputs.add("{ {".repeat(size / 3));
        inputs.add("“".repeat(size / 2) + "{“" + "‘”".repeat(size / 4));
        inputs.add("```" + "```{".repeat(size / 4));
        inputs.add("{\"a\":[" + "1,".repeat(size / 2));
        return inputs.stream();
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileInputOf200KbFinishesQuicklyAsInvalid(String input) {
        Parsed<CaseSummary> parsed = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> summary(input));

        assertThat(parsed.validation().status()).isEqualTo("invalid");
        assertThat(parsed.value()).isNull();
    }
}
