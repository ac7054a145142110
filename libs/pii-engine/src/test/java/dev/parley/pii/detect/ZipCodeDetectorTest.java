package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZipCodeDetectorTest {

    private final ZipCodeDetector detector = new ZipCodeDetector();

    @Test
    void zipAfterStateAbbreviationIsStrongWithExactSpan() {
        var finding = single(detector, "Springfield, IL 62704", "62704");
        assertThat(finding.type()).isEqualTo(PiiType.ZIP);
        assertThat(finding.start()).isEqualTo(16);
        assertThat(finding.end()).isEqualTo(21);
        assertThat(finding.score()).isEqualTo(ZipCodeDetector.STRONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Boston, MA 02118", "Austin TX 78701-1234", "Columbus, Ohio 43215",
        "Albany, New York 12207",
        "Charleston, West Virginia 25301", "San Juan, PR 00901", "Denver, CO, 80202", "ZIP: 90210",
        "zip code 10001-0001", "Postal code: 94105"})
    void strongZips(String text) {
        String zip = text.substring(text.lastIndexOf(' ') + 1);
        assertThat(scoreOf(detector, text, zip)).isEqualTo(ZipCodeDetector.STRONG);
    }

    @Test
    void bareFiveDigitsAndZipPlusFourAreWeak() {
        assertThat(scoreOf(detector, "code 99213 billed", "99213")).isEqualTo(ZipCodeDetector.WEAK);
        assertThat(scoreOf(detector, "ref 12345-6789 here", "12345-6789")).isEqualTo(ZipCodeDetector.WEAK);
        assertThat(ZipCodeDetector.WEAK).isLessThan(0.5);
    }

    @Test
    void lowerCaseTwoLetterWordsAreNotStates() {
        // "in", "or", "me" and "ok" are words, not Indiana, Oregon, Maine and Oklahoma
        assertThat(run(detector, "seen in 12345 or 23456")).extracting(f -> f.score())
                .containsOnly(ZipCodeDetector.WEAK);
        assertThat(scoreOf(detector, "Portland OR 97201", "97201")).isEqualTo(ZipCodeDetector.STRONG);
    }

    @Test
    void stateMustBeAWordOfItsOwn() {
        assertThat(scoreOf(detector, "BOXCA 94105", "94105")).isEqualTo(ZipCodeDetector.WEAK);
        assertThat(scoreOf(detector, "Nevadan 89501", "89501")).isEqualTo(ZipCodeDetector.WEAK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456", "CA 00000", "A12345", "12345B", "12345-678", "12345-67890",
        "12345-6789-01", "$12,345", "12.345", "1-12345", "CA 12345.6", "E11.9", "120/80", "2024-01-15"})
    void nonZipsAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void addressLineWithZipPlusFour() {
        assertThat(covered(detector, "100 Main St, Hartford, CT 06103-1234, USA")).containsExactly("06103-1234");
    }
}
