package dev.parley.agent.service;

import dev.parley.agent.domain.Confidence;
import dev.parley.agent.domain.Source;
import java.util.List;

/**
 * A reply made from pipeline data without the model: markdown text, what it cites, and the read calls it used (the
 * reply's {@code toolCalls}: {@code query_pipeline_stats}, {@code query_cases}...). Always {@code high} confidence.
 * {@code personalData} false only for replies made of counts, fixed labels and run times (workspace statistics):
 * their stored copy needs no scrub. Every other answer quotes workspace data (names, descriptions, comments) and is
 * scrubbed before it is stored.
 */
public record FastAnswer(String text, List<Source> sources, List<String> toolCalls, Confidence confidence,
        boolean personalData) {

    public FastAnswer {
        sources = List.copyOf(sources);
        toolCalls = List.copyOf(toolCalls);
    }

    public FastAnswer(String text, List<Source> sources, List<String> toolCalls) {
        this(text, sources, toolCalls, Confidence.HIGH, true);
    }

    /** An answer of counts and fixed labels only: nothing in it can name or describe a person. */
    static FastAnswer aggregate(String text, List<Source> sources, List<String> toolCalls) {
        return new FastAnswer(text, sources, toolCalls, Confidence.HIGH, false);
    }
}
