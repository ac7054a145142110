package dev.parley.pii;

import dev.parley.pii.detect.Detector;
import dev.parley.pii.detect.FormatDetectors;
import dev.parley.pii.detect.NarrativeDetectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds the PII/PHI in a text under a {@link Policy}: runs every detector whose types the policy's level reports,
 * adjusts each candidate's score by its context, drops candidates under the threshold or on the allow-list, adds
 * deny-list terms, and resolves overlaps deterministically (longest first, then highest score, then earliest).
 *
 * <p>Thread-safe; linear in the text's length (each detector is, and the context window is fixed).
 */
public final class PiiDetector {

    private static final Comparator<Finding> BY_START = Comparator.comparingInt(Finding::start);

    /** Longest first, then highest score, then earliest, then by type. */
    private static final Comparator<Finding> PRIORITY = (a, b) -> {
        int order = Integer.compare(b.length(), a.length());
        if (order == 0) {
            order = Double.compare(b.score(), a.score());
        }
        if (order == 0) {
            order = Integer.compare(a.start(), b.start());
        }
        return order != 0 ? order : a.type().compareTo(b.type());
    };

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
            if (scored.score() >= policy.threshold() && !allowed(text, scored)) {
                kept.add(scored);
            }
        }
        addDenied(text, kept);
        return resolveOverlaps(kept);
    }

    private boolean allowed(String text, Finding finding) {
        return !policy.allow().isEmpty() && policy.allows(text.substring(finding.start(), finding.end()));
    }

    /** Longest first, then highest score, then earliest: a deterministic choice among overlapping findings. */
    static List<Finding> resolveOverlaps(List<Finding> findings) {
        List<Finding> byStart = new ArrayList<>(findings);
        // stable, and each detector reports in text order: a merge of a few sorted runs
        byStart.sort(BY_START);
        List<Finding> chosen = new ArrayList<>(byStart.size());
        int from = 0;
        while (from < byStart.size()) {
            // a cluster of findings linked by overlaps: none overlaps a finding outside it, so each is resolved alone
            int to = from + 1;
            int clusterEnd = byStart.get(from).end();
            while (to < byStart.size() && byStart.get(to).start() < clusterEnd) {
                clusterEnd = Math.max(clusterEnd, byStart.get(to).end());
                to++;
            }
            if (to - from == 1) {
                chosen.add(byStart.get(from));
            } else {
                chosen.addAll(resolveCluster(byStart.subList(from, to), clusterEnd));
            }
            from = to;
        }
        return List.copyOf(chosen);
    }

    /** The findings of one cluster (in text order, ending by {@code clusterEnd}) that win, in text order. */
    private static List<Finding> resolveCluster(List<Finding> cluster, int clusterEnd) {
        List<Finding> ordered = new ArrayList<>(cluster);
        ordered.sort(PRIORITY);
        int origin = cluster.get(0).start();
        // the chosen findings' characters, marked: a finding clashes when any of its characters is marked, and the
        // work per finding is its length over 64
        long[] taken = new long[((clusterEnd - origin) >> 6) + 1];
        List<Finding> chosen = new ArrayList<>();
        for (Finding finding : ordered) {
            int start = finding.start() - origin;
            int end = finding.end() - origin;
            if (!anySet(taken, start, end)) {
                setAll(taken, start, end);
                chosen.add(finding);
            }
        }
        chosen.sort(BY_START);
        return chosen;
    }

    /** Whether any bit in {@code [from, to)} is set; {@code from < to}. */
    private static boolean anySet(long[] bits, int from, int to) {
        int first = from >> 6;
        int last = (to - 1) >> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            return (bits[first] & firstMask & lastMask) != 0;
        }
        if ((bits[first] & firstMask) != 0 || (bits[last] & lastMask) != 0) {
            return true;
        }
        for (int word = first + 1; word < last; word++) {
            if (bits[word] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Sets every bit in {@code [from, to)}; {@code from < to}. */
    private static void setAll(long[] bits, int from, int to) {
        int first = from >> 6;
        int last = (to - 1) >> 6;
        long firstMask = -1L << from;
        long lastMask = -1L >>> -to;
        if (first == last) {
            bits[first] |= firstMask & lastMask;
            return;
        }
        bits[first] |= firstMask;
        bits[last] |= lastMask;
        for (int word = first + 1; word < last; word++) {
            bits[word] = -1L;
        }
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
