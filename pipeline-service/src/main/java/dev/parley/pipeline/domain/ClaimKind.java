package dev.parley.pipeline.domain;

import java.util.Locale;

/** The two kinds of claims, as stored in {@code claim_kind} columns. */
public enum ClaimKind {
    MEDICAL, PHARMACY;

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
