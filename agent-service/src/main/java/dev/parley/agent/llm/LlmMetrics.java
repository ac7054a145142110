package dev.parley.agent.llm;

import dev.parley.agent.domain.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The model's meters: {@code agent_llm_calls_total{outcome}} (one per HTTP call or refused call),
 * {@code agent_llm_seconds{outcome}} (a histogram of their durations) and
 * {@code agent_llm_tokens_total{kind=prompt|completion,counted=model|estimate}}.
 */
final class LlmMetrics {

    private final MeterRegistry registry;

    LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param outcome {@code success}, {@code timeout}, {@code upstream_error}, {@code rejected}, ... */
    void call(String outcome, Duration took) {
        Counter.builder("agent.llm.calls").description("Calls to the language model, by outcome")
                .tag("outcome", outcome).register(registry).increment();
        if (took != null) {
            Timer.builder("agent.llm").description("Duration of calls to the language model")
                    .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took);
        }
    }

    void tokens(Usage usage) {
        if (usage.counted().equals("none")) {
            return;
        }
        tokens("prompt", usage.counted(), usage.promptTokens());
        tokens("completion", usage.counted(), usage.completionTokens());
    }

    private void tokens(String kind, String counted, long amount) {
        Counter.builder("agent.llm.tokens").description("Tokens sent to and received from the language model")
                .tag("kind", kind).tag("counted", counted).register(registry).increment(amount);
    }

    static String outcome(Throwable failure) {
        return failure instanceof LlmUnavailable unavailable ? unavailable.reason().name().toLowerCase() : "error";
    }
}
