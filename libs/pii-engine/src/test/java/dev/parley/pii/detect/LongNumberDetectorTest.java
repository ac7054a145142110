package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;

class LongNumberDetectorTest {

    private final LongNumberDetector detector = new LongNumberDetector();

    @Test
    void everyRunOfFiveOrMoreDigitsIsANumber() {
        String text = "claim 1234567890123, case 55555, room 1234, lot A98765";
        assertThat(covered(detector, text)).containsExactly("1234567890123", "55555", "98765");
        assertThat(run(detector, text)).allSatisfy(f -> {
            assertThat(f.type()).isEqualTo(PiiType.NUMBER);
            assertThat(f.score()).isEqualTo(LongNumberDetector.SCORE);
        });
    }

    @Test
    void runsAreMaximalWithExactSpans() {
        Finding finding = run(detector, "x 123456789012 y").getFirst();
        assertThat(finding.start()).isEqualTo(2);
        assertThat(finding.end()).isEqualTo(14);
        assertThat(covered(detector, "12345")).containsExactly("12345");
    }

    @Test
    void shortRunsAndSeparatedGroupsAreNotReported() {
        assertThat(run(detector, "1234 12-34-56 7.2 120/80 2024-01-15 1,234")).isEmpty();
    }
}
