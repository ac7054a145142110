package dev.parley.agent.domain;

import java.util.Locale;

/** How far an answer can be trusted: {@code high} from data, {@code medium} LLM with data, {@code low} otherwise. */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
