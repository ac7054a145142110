package dev.parley.pii.corpus;

/**
 * True positives, false positives and false negatives of one type (or of all), under one matching rule. Scores are
 * {@link Double#NaN} when undefined (precision with nothing found, recall with nothing to find) rather than 0 or 1, so
 * that an empty row cannot pass for a perfect or a failed one.
 */
public record MatchCounts(int truePositives, int falsePositives, int falseNegatives) {

    public static final MatchCounts NONE = new MatchCounts(0, 0, 0);

    public MatchCounts {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** Gold spans of the type: found or missed. */
    public int gold() {
        return truePositives + falseNegatives;
    }

    /** Findings of the type: right or wrong. */
    public int found() {
        return truePositives + falsePositives;
    }

    public double precision() {
        return found() == 0 ? Double.NaN : (double) truePositives / found();
    }

    public double recall() {
        return gold() == 0 ? Double.NaN : (double) truePositives / gold();
    }

    /** 2TP / (2TP + FP + FN): the harmonic mean of precision and recall, defined whenever either is. */
    public double f1() {
        int denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? Double.NaN : 2.0 * truePositives / denominator;
    }

    public MatchCounts plus(MatchCounts other) {
        return new MatchCounts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }
}
