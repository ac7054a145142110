package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpiDetectorTest {

    private final NpiDetector detector = new NpiDetector();

    @ParameterizedTest
    @ValueSource(strings = {"1234567893", "1245319599", "1003000126", "2391500081"})
    void validNpiNearItsCueIsConfident(String npi) {
        var finding = single(detector, "Referring provider NPI: " + npi, npi);
        assertThat(finding.type()).isEqualTo(PiiType.NPI);
        assertThat(finding.score()).isEqualTo(NpiDetector.CUED);
    }

    @Test
    void validNpiWithoutCueScoresAsAFormatMatch() {
        assertThat(scoreOf(detector, "Dr. Smith 1234567893 signed", "1234567893")).isEqualTo(NpiDetector.UNCUED);
        assertThat(scoreOf(detector, "National Provider Identifier 1245319599", "1245319599"))
                .isEqualTo(NpiDetector.CUED);
    }

    @Test
    void aNumberWhoseNearestLabelNamesSomethingElseIsWeak() {
        assertThat(scoreOf(detector, "Clm # 1234567893 | member", "1234567893"))
                .isEqualTo(NpiDetector.LABELED_OTHERWISE);
        assertThat(scoreOf(detector, "cell 1234567893", "1234567893")).isEqualTo(NpiDetector.LABELED_OTHERWISE);
        assertThat(scoreOf(detector, "claim 12, NPI 1234567893", "1234567893")).isEqualTo(NpiDetector.CUED);
        assertThat(NpiDetector.LABELED_OTHERWISE).isLessThan(0.5);
    }

    @Test
    void exactSpan() {
        var finding = single(detector, "NPI 1234567893.", "1234567893");
        assertThat(finding.start()).isEqualTo(4);
        assertThat(finding.end()).isEqualTo(14);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "NPI 1234567890", // check digit wrong
        "NPI 3234567893", "NPI 0234567893", // must start with 1 or 2
        "NPI 123456789", "NPI 12345678931", "NPI 91234567893", "NPI X1234567893", "NPI 1234567893X",
        "NPI 123-456-7893", "claim CLM-1234567893"})
    void invalidOrEmbeddedNumbersAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }
}
