package dev.parley.pipeline.domain;

import java.util.Locale;

/** What a job does with claims that fail the quality gate. */
public enum QualityMode {
    /** Failed claims are left out of the rules (the default). */
    SKIP_INVALID,
    /** The job fails when any claim failed. */
    HALT_ON_ERRORS,
    /** Failures are reported; every claim goes to the rules. */
    FLAG_ONLY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of its wire name ({@code skip_invalid}), or null if there is none. */
    public static QualityMode parse(String wire) {
        for (QualityMode mode : values()) {
            if (mode.wire().equals(wire)) {
                return mode;
            }
        }
        return null;
    }
}
