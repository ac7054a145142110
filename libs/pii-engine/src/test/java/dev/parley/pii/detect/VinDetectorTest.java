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

class VinDetectorTest {

    private final VinDetector detector = new VinDetector();

    @Test
    void vinWithValidCheckCharacterHasExactSpan() {
        var finding = single(detector, "Vehicle 1M8GDM9AXKP042788 was towed", "1M8GDM9AXKP042788");
        assertThat(finding.type()).isEqualTo(PiiType.VIN);
        assertThat(finding.start()).isEqualTo(8);
        assertThat(finding.end()).isEqualTo(25);
        assertThat(finding.score()).isEqualTo(VinDetector.CHECKED);
        assertThat(covered(detector, "1HGCM82633A004352, 1hgcm82633a004352"))
                .containsExactly("1HGCM82633A004352", "1hgcm82633a004352");
    }

    @Test
    void vinWithoutValidCheckCharacterNeedsALabel() {
        // European makers often put no check character in position 9
        assertThat(run(detector, "car WVWZZZ1JZXW000001 parked")).isEmpty();
        assertThat(scoreOf(detector, "VIN: WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"))
                .isEqualTo(VinDetector.LABELED_UNCHECKED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1M8GDM9AYKP042788", // wrong check character
        "11111111111111111", // passes the check but has no letter: a number, not a VIN
        "1M8GDM9AXKP04278A", // the last four must be digits
        "IM8GDM9AXKP042788", "1M8GDM9AXKP0427880", "X1M8GDM9AXKP042788", "1M8GDM9AXKP042788_",
        "1M8GDM9AXKP04278"})
    void invalidOrEmbeddedValuesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void ordinaryLongWordsAreNotVins() {
        assertThat(run(detector, "electroencephalogram hospitalizations1234")).isEmpty();
    }
}
