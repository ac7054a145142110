package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Finds candidate identifiers of some types in a text. Detectors are stateless and thread-safe, run in time linear
 * in the text's length (no backtracking regular expressions), and report raw candidates with a base score:
 * {@link dev.parley.pii.PiiDetector} adjusts scores by context, applies the threshold and resolves overlaps.
 *
 * <p>Scores by convention: 0.95+ when a checksum or unambiguous format confirms it; 0.6-0.85 for a format match
 * alone or a label cue ("MRN:", "Patient:"); 0.3-0.5 for weak matches that need context to be reported.
 */
public interface Detector {

    /** A short stable name, reported in each finding ({@code ssn}, {@code credit-card}, ...). */
    String name();

    /** The types this detector may report. */
    Set<PiiType> types();

    /** Appends candidates found in {@code text} to {@code out}. */
    void detect(String text, List<Finding> out);
}
