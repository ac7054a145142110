package dev.parley.pii;

import dev.parley.pii.detect.Detector;
import dev.parley.pii.detect.FormatDetectors;
import dev.parley.pii.detect.NarrativeDetectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the PII/PHI in a text under a {@link Policy}: runs every detector whose types the policy's level reports,
 * adjusts each candidate's score by its context, drops candidates under the threshold or on the allow-list, adds
 * deny-list terms, and resolves overlaps deterministically (longest first, then highest score, then earliest).
 *
 * <p>Thread-safe; linear in the text's length (each detector is, and the context window is fixed).
 */
public final class PiiDetector {

    private static final Comparator<Finding> PRIORITY = Comparator.comparingInt(Finding::length).reversed()
            .thenComparing(Comparator.comparingDouble(Finding::score).reversed())
            .thenComparingInt(Finding::start)
            .thenComparing(Finding::type);

    private final Policy policy;
    private final Set<PiiType> reported;
    private final List<Detector> detectors;

    public PiiDetector(Policy policy) {
        this(policy, standardDetectors());
    }

    PiiDetector(Policy policy, List<Detector> detectors) {
        this.policy = policy;
        this.reported = PiiType.reportedAt(policy.level());
        this.detectors = detectors.stream()
                .filter(detector -> detector.types().stream().anyMatch(reported::contains))
                .toList();
    }

    /** Every detector the engine has. */
    public static List<Detector> standardDetectors() {
        List<Detector> all = new ArrayList<>(FormatDetectors.all());
        all.addAll(NarrativeDetectors.all());
        return List.copyOf(all);
    }

    public Policy policy() {
        return policy;
    }

    /** The findings in {@code text}, in text order, none overlapping. */
    public List<Finding> detect(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Finding> candidates = new ArrayList<>();
        try {
            for (Detector detector : detectors) {
                detector.detect(text, candidates);
            }
        } finally {
            NarrativeDetectors.scanDone();
        }
        List<Finding> kept = new ArrayList<>(candidates.size());
        for (Finding candidate : candidates) {
            if (!reported.contains(candidate.type())) {
                continue;
            }
            Finding scored = ContextScorer.score(text, candidate);
            if (scored.score() >= policy.threshold() && !policy.allows(text.substring(scored.start(), scored.end()))) {
                kept.add(scored);
            }
        }
        addDenied(text, kept);
        return resolveOverlaps(kept);
    }

    /** Longest first, then highest score, then earliest: a deterministic choice among overlapping findings. */
    static List<Finding> resolveOverlaps(List<Finding> findings) {
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort(PRIORITY);
        // chosen findings never overlap, so ordered by start they are ordered by end too: a new one can only clash
        // with its nearest neighbours
        TreeMap<Integer, Finding> chosen = new TreeMap<>();
        for (Finding finding : ordered) {
            Map.Entry<Integer, Finding> before = chosen.floorEntry(finding.start());
            Map.Entry<Integer, Finding> after = chosen.ceilingEntry(finding.start());
            boolean clashes = (before != null && before.getValue().overlaps(finding))
                    || (after != null && after.getValue().overlaps(finding));
            if (!clashes) {
                chosen.put(finding.start(), finding);
            }
        }
        return List.copyOf(chosen.values());
    }

    private void addDenied(String text, List<Finding> out) {
        // matched in the text itself: a lower-cased copy can be longer than the text ("İ" becomes two chars), and
        // its offsets would not fit the original
        for (String term : policy.deny()) {
            int length = term.length();
            for (int at = 0; at + length <= text.length(); at++) {
                if (text.regionMatches(true, at, term, 0, length)
                        && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (at + length == text.length() || !Character.isLetterOrDigit(text.charAt(at + length)))) {
                    out.add(new Finding(PiiType.CUSTOM, at, at + length, 1.0, "deny-list"));
                    at += length - 1;
                }
            }
        }
    }
}
