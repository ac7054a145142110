package dev.parley.pipeline.domain;

import java.util.Locale;
import java.util.Optional;

/** What an upload with row errors does ({@code onRowError}). */
public enum CsvErrorPolicy {
    /** Nothing is stored; the answer is a 422 problem listing the errors. */
    REJECT,
    /** The valid rows are stored and the others reported. */
    SKIP;

    public static Optional<CsvErrorPolicy> of(String name) {
        for (CsvErrorPolicy policy : values()) {
            if (policy.wire().equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
