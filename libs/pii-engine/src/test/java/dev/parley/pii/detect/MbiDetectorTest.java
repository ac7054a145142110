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

class MbiDetectorTest {

    private final MbiDetector detector = new MbiDetector();

    @Test
    void cmsSampleMbiCompactAndDashed() {
        var finding = single(detector, "card shows 1EG4TE5MK73 today", "1EG4TE5MK73");
        assertThat(finding.type()).isEqualTo(PiiType.MEDICARE_MBI);
        assertThat(finding.start()).isEqualTo(11);
        assertThat(finding.end()).isEqualTo(22);
        assertThat(finding.score()).isEqualTo(MbiDetector.UNCUED);
        assertThat(scoreOf(detector, "Medicare ID 1EG4-TE5-MK73.", "1EG4-TE5-MK73")).isEqualTo(MbiDetector.CUED);
    }

    @Test
    void alphanumericPositionsTakeDigitsOrLettersAndCaseDoesNotMatter() {
        assertThat(covered(detector, "1E94T95MK73 2aa9aa9aa99")).containsExactly("1E94T95MK73", "2aa9aa9aa99");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0EG4TE5MK73", // position 1 is 1-9
        "1SG4TE5MK73", "1LG4TE5MK73", "1OG4TE5MK73", "1IG4TE5MK73", "1BG4TE5MK73", "1ZG4TE5MK73", // excluded letters
        "1EG4TE5MK7", "1EG4TE5MK734", "11G4TE5MK73", "1EGATE5MK73", "1EG4-TE5MK73", "1EG4TE5-MK73",
        "X1EG4TE5MK73", "1EG4TE5MK73X", "1EG4-TE5-MK73-1"})
    void wrongPatternOrEmbeddedValuesAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }
}
