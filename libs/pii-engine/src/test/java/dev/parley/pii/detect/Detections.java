package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import java.util.ArrayList;
import java.util.List;

/** Runs one detector over a text and reads its findings back as the text they cover. */
final class Detections {

    private Detections() {}

    static List<Finding> run(Detector detector, String text) {
        List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        for (Finding finding : out) {
            assertThat(detector.types()).contains(finding.type());
            assertThat(finding.detector()).isEqualTo(detector.name());
        }
        return out;
    }

    /** The covered text of every finding, in the order reported. */
    static List<String> covered(Detector detector, String text) {
        return run(detector, text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    /** The one finding in {@code text}, checked to span exactly {@code expected}, which occurs once in the text. */
    static Finding single(Detector detector, String text, String expected) {
        int start = text.indexOf(expected);
        assertThat(start).as("test text contains the expected value").isNotNegative();
        assertThat(text.indexOf(expected, start + 1)).as("expected value occurs once").isNegative();
        List<Finding> findings = run(detector, text);
        assertThat(findings).as("findings in <%s>", text).hasSize(1);
        Finding finding = findings.getFirst();
        assertThat(finding.start()).as("start in <%s>", text).isEqualTo(start);
        assertThat(finding.end()).as("end in <%s>", text).isEqualTo(start + expected.length());
        return finding;
    }

    /** The score of the one finding in {@code text}, checked to span exactly {@code expected}. */
    static double scoreOf(Detector detector, String text, String expected) {
        return single(detector, text, expected).score();
    }
}
