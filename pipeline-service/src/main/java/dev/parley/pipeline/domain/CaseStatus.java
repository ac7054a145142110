package dev.parley.pipeline.domain;

import java.util.Locale;

/** Where an investigation case stands; analysts move it, the pipeline never does. */
public enum CaseStatus {
    OPEN, IN_REVIEW, ESCALATED, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of its wire name, or null if there is none. */
    public static CaseStatus parse(String wire) {
        for (CaseStatus status : values()) {
            if (status.wire().equals(wire)) {
                return status;
            }
        }
        return null;
    }
}
