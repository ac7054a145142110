package dev.parley.pii.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.PiiType;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine's accuracy report: precision, recall and F1 per {@link PiiType} on a synthetic labeled corpus, at the
 * default sensitivity (MODERATE).
 *
 * <h2>Running it</h2>
 * <pre>{@code
 * ./mvnw -B -pl libs/pii-engine test -Dtest=AccuracyReport -Dpii.corpus.size=2000
 * }</pre>
 * <ul>
 *   <li>{@code -Dpii.corpus.size} documents to generate (default 2000);</li>
 *   <li>{@code -Dpii.corpus.seed} the corpus seed (default {@value #DEFAULT_SEED}): the same seed gives the same
 *       corpus, so two runs of the engine are compared on the same documents.</li>
 * </ul>
 * It prints the Markdown tables and writes them to {@code libs/pii-engine/target/pii-accuracy.md}; up to
 * {@value Evaluator#EXAMPLES_PER_TYPE} error examples per type and outcome (missed, spurious, wrong bounds) go to
 * {@code target/pii-accuracy-examples.md}, for whoever tunes a detector.
 *
 * <h2>Why it asserts nothing about the numbers</h2>
 * The targets are reported, not tested: a corpus written by the same team as the detectors measures them, it does not
 * certify them, and a threshold here would invite tuning detectors to this corpus. The test checks only that the
 * corpus is usable (non-empty, every span inside its text). Its class name does not match Surefire's default
 * includes, so a plain {@code test} run skips it; {@code -Dtest=AccuracyReport} (or a pattern that names it) runs it.
 *
 * <h2>What the corpus is</h2>
 * Documents of every {@link DocumentKind} from {@link CorpusGenerator}: clinical notes, claim comments, chat, emails
 * with signatures, payment notes, support tickets and look-alike negatives, with the labeling conventions written in
 * {@link Templates}. Synthetic only: no public PII corpus is read, and none should be used to tune against.
 */
class AccuracyReport {

    static final long DEFAULT_SEED = 20_240_917L;
    private static final Sensitivity LEVEL = Sensitivity.MODERATE;

    @Test
    void reportsAccuracyPerTypeAtModerate() throws IOException {
        int size = Integer.getInteger("pii.corpus.size", 2000);
        long seed = Long.getLong("pii.corpus.seed", DEFAULT_SEED);

        List<LabeledText> corpus = new CorpusGenerator(seed).generate(size);
        assertThat(corpus).isNotEmpty();
        assertThat(corpus).allSatisfy(document -> assertThat(document.spans()).allSatisfy(span -> {
            assertThat(span.start()).isGreaterThanOrEqualTo(0);
            assertThat(span.end()).isGreaterThan(span.start()).isLessThanOrEqualTo(document.text().length());
        }));

        PiiDetector detector = new PiiDetector(Policy.of(LEVEL));
        long[] engineNanos = {0};
        Function<String, List<Finding>> timed = text -> {
            long start = System.nanoTime();
            List<Finding> findings = detector.detect(text);
            engineNanos[0] += System.nanoTime() - start;
            return findings;
        };
        Evaluation evaluation = new Evaluator(timed).evaluate(corpus);

        String report = report(evaluation, seed, engineNanos[0]);
        System.out.println(report);
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("pii-accuracy.md"), report);
        Files.writeString(target.resolve("pii-accuracy-examples.md"),
                "# PII engine: error examples (synthetic corpus, seed " + seed + ")\n" + evaluation.examplesList());
    }

    private static String report(Evaluation evaluation, long seed, long engineNanos) {
        int spans = evaluation.exactTotal().gold();
        double millis = engineNanos / 1e6;
        return String.format(Locale.ROOT, """
                # PII engine accuracy (%s)

                %d synthetic documents, seed %d, %d gold spans; engine time %.0f ms (%.2f ms per document).
                TP/FP/FN, precision and recall use exact-span matching; F1 is given under both rules.

                %s
                ## Overlap matching

                %s
                ## By document kind (exact matching)

                %s""", LEVEL, evaluation.documents(), seed, spans, millis,
                millis / Math.max(1, evaluation.documents()),
                evaluation.perTypeTable(PiiType.reportedAt(LEVEL)), evaluation.overlapTable(PiiType.reportedAt(LEVEL)),
                evaluation.perKindTable()).strip() + "\n";
    }
}
