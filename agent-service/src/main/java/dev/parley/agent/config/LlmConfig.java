package dev.parley.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The language model, under {@code parley.agent.llm}: any OpenAI-compatible chat-completions endpoint. Without a base
 * URL the model is "not configured": every call fails at once with {@code LlmUnavailable} and the turn answers from
 * data.
 */
@ConfigMapping(prefix = "parley.agent.llm")
public interface LlmConfig {

    /**
     * The API's base URL including its version segment, such as {@code https://api.openai.com/v1} or
     * {@code http://127.0.0.1:11434/v1}; requests go to {@code <base-url>/chat/completions}. Unset: no LLM.
     */
    Optional<String> baseUrl();

    /** The API key, sent as {@code Authorization: Bearer <key>}; a secret (environment or vault, never committed). */
    Optional<String> apiKey();

    /** The model name sent with every request. */
    @WithDefault("gpt-4o-mini")
    String model();

    /**
     * How long the model may stay silent: the whole answer when not streaming; before the first chunk and between
     * two chunks when streaming. A timeout is not retried.
     */
    @WithDefault("30s")
    Duration timeout();

    /** Model calls per turn that may request tools; after that the model answers once more without tools. */
    @WithDefault("5")
    int maxIterations();

    /**
     * {@code true}: OpenAI function calling ({@code tools}, {@code tool_calls}); {@code false}: for models without it,
     * the tools are described in the system prompt and a JSON line {@code {"tool": ..., "arguments": {...}}} in the
     * answer is a call.
     */
    @WithDefault("true")
    boolean nativeTools();

    /** Sampling temperature. */
    @WithDefault("0.2")
    double temperature();

    /** The most tokens one answer may have; unset: the model's own limit. */
    @WithDefault("1024")
    OptionalInt maxTokens();

    Retry retry();

    Breaker breaker();

    /** Whether a model is configured at all (a non-blank base URL). */
    default boolean enabled() {
        return baseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /**
     * Retries of transient failures only: connection refused or reset before an answer, 429, 502, 503, 504. Never a
     * 4xx, never a timeout, never once a token of a streamed answer was shown.
     */
    interface Retry {
        /** Retries after the first attempt. */
        @WithDefault("2")
        int maxRetries();

        /** Pause before each retry. */
        @WithDefault("250ms")
        Duration delay();

        /** Random extra pause of up to this much, so that callers do not retry in step. */
        @WithDefault("100ms")
        Duration jitter();
    }

    /** The one circuit breaker in front of the model (streamed and not); open means an honest degraded reply. */
    interface Breaker {
        /** Calls in the rolling window that is judged. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** Share of failed calls in the window that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before trial calls may pass. */
        @WithDefault("15s")
        Duration delay();

        /** Successful trial calls that close it again. */
        @WithDefault("1")
        int successThreshold();
    }
}
