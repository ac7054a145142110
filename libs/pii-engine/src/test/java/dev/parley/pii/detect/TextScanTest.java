package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextScanTest {

    @Test
    void numbersStartAndEndOnlyWhereNothingGluesThemToANeighbour() {
        String text = "a 123 b1 CLM-45 6-78 +90 (12) 3.4 x/5";
        assertThat(TextScan.numberStartsAt(text, text.indexOf("123"))).isTrue();
        assertThat(TextScan.numberStartsAt(text, text.indexOf("1 C"))).isFalse(); // after a letter
        assertThat(TextScan.numberStartsAt(text, text.indexOf("45"))).isFalse(); // CLM-45
        assertThat(TextScan.numberStartsAt(text, text.indexOf("78"))).isFalse(); // 6-78
        assertThat(TextScan.numberStartsAt(text, text.indexOf("90"))).isFalse(); // +90
        assertThat(TextScan.numberStartsAt(text, text.indexOf("(12)") + 1)).isTrue(); // (12)
        assertThat(TextScan.numberStartsAt(text, text.lastIndexOf("5"))).isFalse(); // x/5
        assertThat(TextScan.numberStartsAt(text, 0)).isTrue();

        assertThat(TextScan.numberEndsAt(text, text.indexOf("123") + 3)).isTrue();
        assertThat(TextScan.numberEndsAt(text, text.indexOf("6-78") + 1)).isFalse();
        assertThat(TextScan.numberEndsAt(text, text.indexOf("3.4") + 1)).isFalse();
        assertThat(TextScan.numberEndsAt(text, text.indexOf("(12)") + 3)).isTrue();
        assertThat(TextScan.numberEndsAt("12.", 2)).isTrue(); // a full stop ends the sentence
        assertThat(TextScan.numberEndsAt("12", 2)).isTrue();
    }

    @Test
    void digitCountsAreCappedSoLongRunsCostNothing() {
        String text = "x" + "7".repeat(1000);
        assertThat(TextScan.digitsAt(text, 1, 9)).isEqualTo(10);
        assertThat(TextScan.digitsAt("123-", 0, 9)).isEqualTo(3);
        assertThat(TextScan.exactDigits("1234", 0, 4)).isTrue();
        assertThat(TextScan.exactDigits("12345", 0, 4)).isFalse();
        assertThat(TextScan.exactDigits("12", 5, 2)).isFalse();
        assertThat(TextScan.alnumsAt("ab12-", 0, 10)).isEqualTo(4);
    }

    @Test
    void cuesAreWholeWordsIgnoringCaseWithinTheWindow() {
        List<String> cues = List.of("ssn", "social security", "ss#");
        assertThat(TextScan.cueBefore("SSN: 1", 5, 30, cues)).isTrue();
        assertThat(TextScan.cueBefore("Social Security no 1", 19, 30, cues)).isTrue();
        assertThat(TextScan.cueBefore("ss#1", 3, 30, cues)).isTrue();
        assertThat(TextScan.cueBefore("classn 1", 7, 30, cues)).isFalse(); // inside a word
        assertThat(TextScan.cueBefore("ssnx 1", 5, 30, cues)).isFalse(); // followed by a letter
        assertThat(TextScan.cueBefore("ssn then a long stretch of words 1", 33, 20, cues)).isFalse();
        assertThat(TextScan.nearestCueBefore("fax 1 phone 2", 12, 30, List.of("fax", "phone"))).isEqualTo(6);
        List<String> own = List.of("card");
        List<String> others = List.of("claim");
        assertThat(TextScan.otherLabelNearer("card, claim 4", 12, 30, own, others)).isTrue();
        assertThat(TextScan.otherLabelNearer("claim 3, card 4", 14, 30, own, others)).isFalse();
        assertThat(TextScan.otherLabelNearer("4", 0, 30, own, others)).isFalse();
    }

    @Test
    void fastPathsAgreeWithTheJdkCaseTablesAndTheCharSequenceForms() {
        // ASCII shortcuts must give what Character and String.regionMatches give, including for the non-ASCII
        // characters that fold onto ASCII letters (Kelvin sign, dotted capital I, long s)
        for (char c = 0; c < 0x3000; c++) {
            assertThat(TextScan.lower(c)).isEqualTo(Character.toLowerCase(c));
            assertThat(TextScan.isLetter(c)).isEqualTo(Character.isLetter(c));
            assertThat(TextScan.isWordChar(c)).isEqualTo(Character.isLetterOrDigit(c) || c == '_');
        }
        List<String> words = List.of("mrn", "driver\u2019s license", "kind", "is", "https://", "a/c", "x");
        List<String> texts = List.of("MRN", "mRn1", "Driver\u2019S LICENSE", "\u212Aind", "\u0130s", "\u017Fx",
                "HTTPS://a", "A/C", "X", "", "dri", "\uD83D\uDE00is");
        for (String text : texts) {
            for (String word : words) {
                for (int at = -1; at <= text.length(); at++) {
                    assertThat(TextScan.matchesIgnoreCase(text, at, word))
                            .as("%s at %d in %s", word, at, text)
                            .isEqualTo(text.regionMatches(true, at, word, 0, word.length()));
                }
            }
        }
        String text = "Call the Ph: office, MRN \u212Aind fax/\u0130s Card 4111, claim no 12 zip 94110";
        assertThat(TextScan.nearestCueBefore(text, text.indexOf("MRN") + 4, 30, List.of("call", "mrn")))
                .isEqualTo(text.indexOf("MRN"));
        assertThat(TextScan.nearestCueBefore(text, text.indexOf("ind"), 30, List.of("kind"))).isEqualTo(-1);
        assertThat(TextScan.nearestCueBefore(text, text.indexOf("ind") + 4, 30, List.of("kind")))
                .isEqualTo(text.indexOf("ind") - 1); // the Kelvin sign lower-cases to k
    }
}
