package dev.parley.agent.service;

import dev.parley.agent.domain.Confidence;
import dev.parley.agent.domain.Source;
import java.util.List;

/**
 * A reply made from pipeline data without the model: markdown text, what it cites, and the read calls it used (the
 * reply's {@code toolCalls}: {@code query_pipeline_stats}, {@code query_cases}...). Always {@code high} confidence.
 */
public record FastAnswer(String text, List<Source> sources, List<String> toolCalls, Confidence confidence) {

    public FastAnswer {
        sources = List.copyOf(sources);
        toolCalls = List.copyOf(toolCalls);
    }

    public FastAnswer(String text, List<Source> sources, List<String> toolCalls) {
        this(text, sources, toolCalls, Confidence.HIGH);
    }
}
