package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectorTest {

    private final SsnDetector detector = new SsnDetector();

    @Test
    void dashedSsnHasExactSpanAndFormatScore() {
        Finding finding = single(detector, "Patient's number is 123-45-6789, verified.", "123-45-6789");
        assertThat(finding.type()).isEqualTo(PiiType.SSN);
        assertThat(finding.start()).isEqualTo(20);
        assertThat(finding.end()).isEqualTo(31);
        assertThat(finding.score()).isEqualTo(SsnDetector.DASHED);
    }

    @Test
    void spacedAndBareFormsScoreLowerThanDashed() {
        assertThat(scoreOf(detector, "id 123 45 6789 on file", "123 45 6789")).isEqualTo(SsnDetector.SPACED);
        assertThat(scoreOf(detector, "ref 123456789 on file", "123456789")).isEqualTo(SsnDetector.BARE);
        assertThat(SsnDetector.BARE).isLessThan(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSN: ", "SSN ", "ssn#", "Social Security Number: ", "soc sec no. ", "SS# ",
        "my social is "})
    void labelRaisesEveryForm(String label) {
        assertThat(scoreOf(detector, label + "123-45-6789", "123-45-6789")).isEqualTo(SsnDetector.LABELED);
        assertThat(scoreOf(detector, label + "123 45 6789", "123 45 6789")).isEqualTo(SsnDetector.LABELED);
        assertThat(scoreOf(detector, label + "123456789", "123456789")).isEqualTo(SsnDetector.LABELED_BARE);
    }

    @Test
    void labelFurtherBackThanTheWindowDoesNotCount() {
        String text = "SSN was asked for but the patient instead gave 123456789";
        assertThat(scoreOf(detector, text, "123456789")).isEqualTo(SsnDetector.BARE);
        // "ssn" inside another word is no label
        assertThat(scoreOf(detector, "classnote 123456789", "123456789")).isEqualTo(SsnDetector.BARE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567",
        "123-45-0000", "078-05-1120", "219-09-9999", "000123456", "078051120"})
    void numbersTheSsaNeverIssuesAreRejected(String value) {
        assertThat(run(detector, "SSN: " + value)).isEmpty();
    }

    @Test
    void boundaryValuesOfTheAreaRulesAreAccepted() {
        assertThat(covered(detector, "001-01-0001 665-99-9999 667-01-0001 899-99-9999"))
                .containsExactly("001-01-0001", "665-99-9999", "667-01-0001", "899-99-9999");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "account 1234567890123", // nine digits inside a longer number
        "x123456789", "123456789x", "A123-45-6789",
        "1123-45-6789", "123-45-67890", "123-45-6789-1", "9-123-45-6789",
        "CLM-123456789", "123456789.5", "1.123456789",
        "+123456789", // a phone number's digits
        "123-45 6789", "123 45-6789", // mixed separators
        "12-345-6789", "1234-56-789", "123--45-6789", "123-456-789"})
    void digitsThatAreOnlyPartOfSomethingLongerOrOtherwiseShapedAreNotSsns(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void lookAlikesAreNotSsns() {
        String note = "CPT 99213, ICD-10 E11.9, HbA1c 7.2%, BP 120/80, Order 4471-22, seen 2024-01-15, app v1.2.3, "
                + "EIN 12-3456789, NDC 12345-6789-01, phone 555-123-4567";
        assertThat(run(detector, note)).isEmpty();
    }

    @Test
    void severalSsnsInOneTextAreAllFound() {
        assertThat(covered(detector, "SSNs: 123-45-6789, 234-56-7890 and 345 67 8901."))
                .containsExactly("123-45-6789", "234-56-7890", "345 67 8901");
    }

    @Test
    void ssnAtTheVeryStartAndEndOfTheText() {
        assertThat(covered(detector, "123-45-6789")).containsExactly("123-45-6789");
        assertThat(covered(detector, "123456789")).containsExactly("123456789");
        assertThat(covered(detector, "(123-45-6789)")).containsExactly("123-45-6789");
    }
}
