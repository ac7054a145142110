package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.HANG_GUARD;
import static dev.parley.pii.detect.Detections.count;
import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgeDetectorTest {

    private final AgeDetector detector = new AgeDetector();

    @Test
    void theSpanIsTheNumberAlone() {
        String text = "A 92-year-old woman presents.";
        Finding finding = single(detector, text, "92");
        assertThat(finding.type()).isEqualTo(PiiType.AGE);
        assertThat(finding.start()).isEqualTo(2);
        assertThat(finding.end()).isEqualTo(4);
        assertThat(finding.score()).isEqualTo(AgeDetector.AGE);
        assertThat(finding.detector()).isEqualTo("age");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a 92-year-old man",
            "92 year old male",
            "92-year old",
            "pt is 92 yo",
            "92yo F",
            "92 YO male",
            "92 y/o",
            "92 Y/O",
            "92 y.o. female",
            "92 y-o",
            "92 years old",
            "92 yrs old",
            "92-yr-old",
            "92 years of age",
            "aged 92",
            "aged 92 years",
            "age: 92",
            "Age:92",
            "AGE 92",
            "at the age of 92",
            "Age - 92"})
    void everyWayOfWritingAnAgeOver89(String text) {
        assertThat(scoreOf(detector, text, "92")).isEqualTo(AgeDetector.AGE);
    }

    @Test
    void agesFrom90To125Count() {
        assertThat(covered(detector, "90 yo, 101-year-old, aged 125")).containsExactly("90", "101", "125");
        assertThat(AgeDetector.MIN_AGE).isEqualTo(90);
    }

    @ParameterizedTest
    @ValueSource(strings = {"89-year-old", "45 yo", "a 12 y/o", "aged 89", "age: 65", "89 years old", "age 0"})
    void agesUpTo89AreNotFindings(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"for 95 years", "in the 90 years since", "95 patients", "150 years old", "1995 years old",
            "aged 95%", "age 95.5 kg", "age 95/100", "aged 95kg", "1.95 years old", "BP 95/60", "90 mg daily",
            "$95 years old", "page 95"})
    void numbersOver89WithoutAnAgeUnitOrLabelAreNotAges(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void aBareNumberSaidOfAPersonIsAnAge() {
        assertThat(covered(detector, "my grandma is 98 and needs a ride; he turned 91 today; I am 95."))
                .containsExactly("98", "91", "95");
        assertThat(covered(detector, "my dad will be 100 next week")).containsExactly("100");
    }

    @Test
    void aBareNumberAfterSomethingElseIsNot() {
        assertThat(run(detector, "she is 95 lbs; her sat is 92; HR was 104 bpm; score is 97; he is 92 percent sure"))
                .isEmpty();
    }

    @Test
    void severalAgesInOneNote() {
        String text = "92 yo F, husband aged 94, son is 60 years old and her mother lived to 101 years of age.";
        assertThat(covered(detector, text)).containsExactly("92", "94", "101");
    }

    @ParameterizedTest
    @ValueSource(strings = {"92 ", "92-", "age ", "95 years ", "12 ", "she is 95 "})
    void hostileInputsFinishInLinearTime(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        assertTimeoutPreemptively(HANG_GUARD, () -> count(detector, text));
    }
}
