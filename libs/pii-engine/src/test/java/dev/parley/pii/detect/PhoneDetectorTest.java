package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {

    private final PhoneDetector detector = new PhoneDetector();

    @Test
    void usNumberHasExactSpan() {
        Finding finding = single(detector, "Wrote down (555) 234-5678 after 5", "(555) 234-5678");
        assertThat(finding.type()).isEqualTo(PiiType.PHONE);
        assertThat(finding.start()).isEqualTo(11);
        assertThat(finding.end()).isEqualTo(25);
        assertThat(finding.score()).isEqualTo(PhoneDetector.FORMATTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(555) 123-4567", "(555)123-4567", "555-123-4567", "555.123.4567", "1-555-123-4567",
        "1 (555) 123-4567", "555 123-4567"})
    void usFormats(String number) {
        assertThat(scoreOf(detector, "at " + number + ".", number)).isEqualTo(PhoneDetector.FORMATTED);
    }

    @Test
    void spaceSeparatedGroupsAreAWeakerFormat() {
        assertThat(scoreOf(detector, "at 555 123 4567 ok", "555 123 4567")).isEqualTo(PhoneDetector.SPACED);
    }

    @Test
    void bareTenDigitsAreWeakUnlessCued() {
        assertThat(scoreOf(detector, "ref 5551234567 ok", "5551234567")).isEqualTo(PhoneDetector.BARE);
        assertThat(scoreOf(detector, "ref 15551234567 ok", "15551234567")).isEqualTo(PhoneDetector.BARE);
        assertThat(PhoneDetector.BARE).isLessThan(0.5);
        assertThat(scoreOf(detector, "cell: 5551234567", "5551234567")).isEqualTo(PhoneDetector.CUED_BARE);
        assertThat(scoreOf(detector, "Pt called from 5551234567 today", "5551234567"))
                .isEqualTo(PhoneDetector.CUED_BARE);
        assertThat(scoreOf(detector, "best number is 5551234567 thx", "5551234567")).isEqualTo(PhoneDetector.CUED_BARE);
        // no area code starts with 0 or 1
        assertThat(run(detector, "ref 1551234567 or 0551234567")).isEmpty();
    }

    @Test
    void areaCodesStartingWithZeroOrOneArePenalised() {
        assertThat(scoreOf(detector, "at 123-456-7890", "123-456-7890"))
                .isEqualTo(PhoneDetector.FORMATTED - PhoneDetector.UNUSUAL_AREA_PENALTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 555 123 4567", "+1-555-123-4567", "+1 (555) 123-4567", "+15551234567",
        "+44 20 7946 0958", "+44 (0)20 7946 0958", "+442079460958", "+49 30 1234567", "+33 1 23 45 67 89",
        "+61 2 9876 5432", "+91 98765 43210", "+353 1 234 5678"})
    void internationalNumbers(String number) {
        assertThat(scoreOf(detector, "call me on " + number + " tonight", number)).isEqualTo(PhoneDetector.CUED);
        assertThat(scoreOf(detector, "number " + number + " tonight", number)).isEqualTo(PhoneDetector.INTERNATIONAL);
    }

    @Test
    void fixedLengthCountriesStopAtTheirLength() {
        assertThat(covered(detector, "+1 555 123 4567 8 times")).containsExactly("+1 555 123 4567");
        assertThat(covered(detector, "+44 20 7946 0958 12 left")).containsExactly("+44 20 7946 0958");
        assertThat(run(detector, "+1 555 123")).isEmpty();
        assertThat(run(detector, "+1 2")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"555-123-4567 x123", "555-123-4567x123", "555-123-4567 ext. 45", "555-123-4567 ext 4567",
        "(555) 123-4567, ext. 12", "555-123-4567 extension 9", "+1 555 123 4567 x 22"})
    void extensionsArePartOfTheSpan(String number) {
        single(detector, "office " + number + ", thanks", number);
    }

    @Test
    void extensionWithoutDigitsIsNotPartOfTheSpan() {
        assertThat(covered(detector, "555-123-4567 x-ray today")).containsExactly("555-123-4567");
        assertThat(covered(detector, "555-123-4567 extra")).containsExactly("555-123-4567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Fax: ", "fax ", "FAX# ", "F: ", "facsimile "})
    void faxCueMakesItAFax(String cue) {
        Finding finding = single(detector, cue + "555-123-4567", "555-123-4567");
        assertThat(finding.type()).isEqualTo(PiiType.FAX);
        assertThat(finding.score()).isEqualTo(PhoneDetector.CUED);
    }

    @Test
    void theNearestCueDecidesPhoneOrFax() {
        String text = "Tel: 555-123-4567 Fax: 555-123-4568";
        assertThat(run(detector, text)).extracting(Finding::type).containsExactly(PiiType.PHONE, PiiType.FAX);
        String reversed = "Fax: 555-123-4568, Phone: 555-123-4567";
        assertThat(run(detector, reversed)).extracting(Finding::type).containsExactly(PiiType.FAX, PiiType.PHONE);
        // "f" inside a word is no fax cue
        assertThat(run(detector, "ref: 555-123-4567")).extracting(Finding::type).containsExactly(PiiType.PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15", "01/15/2024", "1.2.3", "v1.2.3", "version 10.4.12", "120/80", "E11.9",
        "7.2", "4471-22", "12345-6789-01", "123-45-6789", "12-3456789", "192.168.1.100", "555-1234",
        "555-123-45678", "5555-123-4567", "555-123-4567-8", "A555-123-4567", "555-123-4567B", "55512345678",
        "1234567890123", "555--123-4567", "555) 123-4567", "+",
        "2024 01 15", "4111 1111 1111 1111", "+1234", "x+15551234567"})
    void nonPhonesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void faxAsAVerbFurtherBackStillMakesItAFax() {
        Finding finding = single(detector, "Please fax the signed release to +1 213 854 1879 by Friday",
                "+1 213 854 1879");
        assertThat(finding.type()).isEqualTo(PiiType.FAX);
        String text = "Please fax it, or call 555-123-4567";
        assertThat(run(detector, text)).extracting(Finding::type).containsExactly(PiiType.PHONE);
    }

    @Test
    void oneLetterSignatureLabelsRightBeforeTheNumberAreCues() {
        String signature = "T 458.549.7000 | F 1-790-597-5721 | M: 2125550123";
        assertThat(run(detector, signature)).extracting(Finding::type, Finding::score).containsExactly(
                Tuple.tuple(PiiType.PHONE, PhoneDetector.CUED),
                Tuple.tuple(PiiType.FAX, PhoneDetector.CUED),
                Tuple.tuple(PiiType.PHONE, PhoneDetector.CUED_BARE));
        assertThat(PhoneDetector.letterLabelBefore("F: 5", 3)).isEqualTo('f');
        assertThat(PhoneDetector.letterLabelBefore("ref 5", 4)).isEqualTo((char) 0);
        assertThat(PhoneDetector.letterLabelBefore("a, 5", 3)).isEqualTo((char) 0);
        // a letter further back is no label
        assertThat(scoreOf(detector, "T is 2125550123", "2125550123")).isEqualTo(PhoneDetector.BARE);
    }

    @Test
    void numbersInALineAreFoundSeparately() {
        assertThat(covered(detector, "Home (555) 234-5678; work 555.876.5432; intl +44 20 7946 0958."))
                .containsExactly("(555) 234-5678", "555.876.5432", "+44 20 7946 0958");
    }
}
