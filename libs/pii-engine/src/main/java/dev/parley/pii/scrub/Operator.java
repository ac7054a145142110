package dev.parley.pii.scrub;

import java.util.Locale;

/** What replaces a finding. */
public enum Operator {
    /** {@code [EMAIL]}: the type only. */
    REDACT,
    /** Every letter and digit but the last four becomes {@code *}; separators stay. */
    MASK,
    /** {@code <EMAIL:1f0c...>}: a stable keyed hash (HMAC-SHA256 per tenant), equal values give equal tokens. */
    HASH,
    /** {@code ⟦EMAIL_1⟧}: a placeholder whose original is kept, encrypted, in the tenant's vault for detokenizing. */
    TOKENIZE;

    public static Operator parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operator " + name + " (redact, mask, hash, tokenize)");
        }
    }
}
