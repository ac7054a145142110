package dev.parley.pii;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's detection policy: the sensitivity level, terms never flagged (allow-list, e.g. "C4", "S3"), terms
 * always flagged (deny-list, reported as {@link PiiType#CUSTOM}) and the score a candidate needs. What replaces a
 * finding is the scrubber's business ({@code dev.parley.pii.scrub.Operator}), not detection's.
 */
public record Policy(Sensitivity level, Set<String> allow, Set<String> deny, double threshold) {

    /** The score a candidate needs by default. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    public Policy {
        allow = allow.stream().map(term -> term.toLowerCase(Locale.ROOT).strip()).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        deny = deny.stream().map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be in (0, 1]");
        }
    }

    /** Moderate level, no lists, default threshold and operators. */
    public static Policy defaults() {
        return of(Sensitivity.MODERATE);
    }

    public static Policy of(Sensitivity level) {
        return new Policy(level, Set.of(), Set.of(), DEFAULT_THRESHOLD);
    }

    public Policy withLevel(Sensitivity newLevel) {
        return new Policy(newLevel, allow, deny, threshold);
    }

    /** Whether {@code term} (as found in a text) is on the allow-list. */
    public boolean allows(String term) {
        return !allow.isEmpty() && allow.contains(term.toLowerCase(Locale.ROOT).strip());
    }
}
