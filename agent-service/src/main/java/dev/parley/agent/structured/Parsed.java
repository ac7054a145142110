package dev.parley.agent.structured;

import dev.parley.agent.domain.Validation;
import java.util.List;

/**
 * The result of {@link StructuredOutputParser#parse}: the value, the validation the chat reply carries, and the
 * repairs that were needed.
 *
 * @param value the parsed, valid value; null whenever {@code validation.status()} is {@code invalid} (a value that
 *     breaks its constraints is never handed out, not even in part: {@code validation.errors()} says what was wrong)
 * @param validation {@code valid} (confidence 1.0), {@code repaired} (below 1.0) or {@code invalid} (0.0, errors
 *     as {@code "field: message"})
 * @param repairs what was changed before the text parsed, in the order of {@link Repair}; empty for {@code valid}
 */
public record Parsed<T>(T value, Validation validation, List<Repair> repairs) {

    public Parsed {
        repairs = List.copyOf(repairs);
    }

    /** True when {@link #value()} may be used: the status is {@code valid} or {@code repaired}. */
    public boolean usable() {
        return value != null;
    }
}
