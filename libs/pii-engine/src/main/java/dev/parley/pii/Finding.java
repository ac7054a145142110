package dev.parley.pii;

/**
 * One identifier in a text: {@code [start, end)} in UTF-16 indices, a score in {@code [0, 1]} and the detector that
 * found it. A finding never carries the matched value itself.
 */
public record Finding(PiiType type, int start, int end, double score, String detector) {

    public Finding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span");
        }
        if (score < 0 || score > 1) {
            throw new IllegalArgumentException("score outside [0, 1]");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Finding other) {
        return start < other.end && other.start < end;
    }

    public Finding withScore(double newScore) {
        return new Finding(type, start, end, Math.max(0, Math.min(1, newScore)), detector);
    }
}
