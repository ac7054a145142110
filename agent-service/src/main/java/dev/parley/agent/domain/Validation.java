package dev.parley.agent.domain;

import java.util.List;

/**
 * Whether a structured answer (a case summary, a report) parsed: {@code valid}, {@code repaired} (fences, trailing
 * text, a broken bracket or quote recovered) or {@code invalid}; {@code confidence} 0..1 of the parse;
 * {@code notApplicable()} for free-text answers.
 */
public record Validation(String status, List<String> errors, double confidence) {

    public static Validation notApplicable() {
        return new Validation("not_applicable", List.of(), 1.0);
    }
}
