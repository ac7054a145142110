package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Runs one detector over a text and reads its findings back, in text order, as the text they cover. */
final class Detections {

    /** A hang guard for the adversarial inputs, not a benchmark: a linear scan of 1 MB takes well under a second. */
    static final Duration HANG_GUARD = Duration.ofSeconds(5);

    private Detections() {}

    static List<Finding> run(Detector detector, String text) {
        List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        for (Finding finding : out) {
            assertThat(detector.types()).contains(finding.type());
            assertThat(finding.detector()).isEqualTo(detector.name());
            assertThat(finding.end()).isLessThanOrEqualTo(text.length());
        }
        out.sort(Comparator.comparingInt(Finding::start));
        return out;
    }

    /** Runs the detector with no checks on what it finds: for the hang guards, where only the time matters. */
    static int count(Detector detector, String text) {
        List<Finding> out = new ArrayList<>();
        detector.detect(text, out);
        return out.size();
    }

    /** The covered text of every finding, in text order. */
    static List<String> covered(Detector detector, String text) {
        return run(detector, text).stream().map(f -> text.substring(f.start(), f.end())).toList();
    }

    /** Every finding as {@code covered text@score}, score to two decimals: {@code "Maria Gonzalez@0.90"}. */
    static List<String> scored(Detector detector, String text) {
        return run(detector, text).stream()
                .map(f -> text.substring(f.start(), f.end()) + "@" + String.format(Locale.ROOT, "%.2f", f.score()))
                .toList();
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
