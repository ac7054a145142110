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

class DeaDetectorTest {

    private final DeaDetector detector = new DeaDetector();

    @Test
    void validDeaNumberHasExactSpan() {
        var finding = single(detector, "Prescriber BJ6125341, Rx attached", "BJ6125341");
        assertThat(finding.type()).isEqualTo(PiiType.DEA);
        assertThat(finding.start()).isEqualTo(11);
        assertThat(finding.end()).isEqualTo(20);
        assertThat(finding.score()).isEqualTo(DeaDetector.UNCUED);
    }

    @Test
    void cueRaisesTheScore() {
        assertThat(scoreOf(detector, "DEA# AB1234563", "AB1234563")).isEqualTo(DeaDetector.CUED);
    }

    @Test
    void businessRegistrantsUseNineAsSecondCharacterAndCaseDoesNotMatter() {
        assertThat(covered(detector, "A91234563 and ab1234563")).containsExactly("A91234563", "ab1234563");
    }

    @Test
    void aValueWhoseNearestLabelNamesAnotherIdIsWeak() {
        assertThat(scoreOf(detector, "Member ID: AB1234563", "AB1234563")).isEqualTo(DeaDetector.LABELED_OTHERWISE);
        assertThat(scoreOf(detector, "my id# AB1234563", "AB1234563")).isEqualTo(DeaDetector.LABELED_OTHERWISE);
        assertThat(scoreOf(detector, "member 4, DEA: AB1234563", "AB1234563")).isEqualTo(DeaDetector.CUED);
        assertThat(scoreOf(detector, "DEA/NPI: AB1234563", "AB1234563")).isEqualTo(DeaDetector.CUED);
        assertThat(scoreOf(detector, "DEA license # AB1234563", "AB1234563")).isEqualTo(DeaDetector.CUED);
        assertThat(DeaDetector.LABELED_OTHERWISE).isLessThan(0.5);
    }

    @Test
    void uncuedScoreStaysBelowALabelledIdsSoAMemberIdShapedLikeADeaNumberKeepsItsLabel() {
        assertThat(DeaDetector.UNCUED).isLessThan(LabeledIdDetector.SCORE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AB1234564", // wrong check digit
        "IB1234563", "NB1234563", "OB1234563", "QB1234563", "ZB1234563", // no such registrant type
        "A11234563", "AB123456", "AB12345630", "XAB1234563", "AB1234563X", "AB-1234563", "AB1234563-7"})
    void invalidOrEmbeddedValuesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aDeaIdLabelIsTheDeasOwn() {
        // "ID" names this DEA number, not another id
        org.assertj.core.api.Assertions.assertThat(Detections.scoreOf(new DeaDetector(), "DEA ID AB1234563", "AB1234563"))
                .isGreaterThanOrEqualTo(0.8);
    }
}
