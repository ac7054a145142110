package dev.parley.agent.structured;

import java.util.Locale;

/**
 * What {@link StructuredOutputParser} had to change before the model's text parsed as JSON, and how much each change
 * lowers the validation confidence (1.0 for text that parsed as it was).
 */
public enum Repair {
    /** A Markdown code fence (```json ... ```) around the object. Cosmetic. */
    CODE_FENCE(0.02),
    /** Prose before or after the object. */
    SURROUNDING_TEXT(0.05),
    /** A comma before a closing bracket or brace, or a doubled or leading one. */
    TRAILING_COMMAS(0.05),
    /** A raw line break, tab or other control character inside a string, escaped. */
    CONTROL_CHARACTERS(0.02),
    /**
     * The text ended early (the model ran out of tokens): an unterminated string, a dangling key or partial literal
     * and the open brackets and braces were closed, or a mismatched closer fixed. Content may be missing.
     */
    TRUNCATED(0.30),
    /** Strings in single quotes, where a string must start (never an apostrophe inside a string). */
    SINGLE_QUOTES(0.10),
    /** Object keys without quotes. */
    UNQUOTED_KEYS(0.10),
    /** Typographic quotes (“ ” ‘ ’) used as string delimiters. */
    SMART_QUOTES(0.05);

    private final double penalty;

    Repair(double penalty) {
        this.penalty = penalty;
    }

    /** How much this repair lowers the confidence of a parse. */
    public double penalty() {
        return penalty;
    }

    /** The name for audit details and logs: {@code code_fence}, {@code truncated}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
