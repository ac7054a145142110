package dev.parley.agent.llm;

import dev.parley.agent.config.LlmConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** An {@link LlmConfig} made in a test, for clients pointed at a test server of their own. */
record TestLlmConfig(Optional<String> baseUrl, Optional<String> apiKey, String model, Duration timeout,
        int maxIterations, boolean nativeTools, double temperature, OptionalInt maxTokens, Retry retry,
        Breaker breaker) implements LlmConfig {

    static TestLlmConfig of(String baseUrl) {
        return new TestLlmConfig(Optional.ofNullable(baseUrl), Optional.of(LlmWireMock.API_KEY), LlmWireMock.MODEL,
                Duration.ofSeconds(2), 5, true, 0.2, OptionalInt.empty(), new TestRetry(0, Duration.ofMillis(20)),
                new TestBreaker(1000, 0.5, Duration.ofSeconds(60)));
    }

    static TestLlmConfig copyOf(LlmConfig config) {
        return new TestLlmConfig(config.baseUrl(), config.apiKey(), config.model(), config.timeout(),
                config.maxIterations(), config.nativeTools(), config.temperature(), config.maxTokens(),
                config.retry(), config.breaker());
    }

    TestLlmConfig withTimeout(Duration value) {
        return new TestLlmConfig(baseUrl, apiKey, model, value, maxIterations, nativeTools, temperature, maxTokens,
                retry, breaker);
    }

    TestLlmConfig withNativeTools(boolean value) {
        return new TestLlmConfig(baseUrl, apiKey, model, timeout, maxIterations, value, temperature, maxTokens,
                retry, breaker);
    }

    TestLlmConfig withRetries(int retries) {
        return new TestLlmConfig(baseUrl, apiKey, model, timeout, maxIterations, nativeTools, temperature, maxTokens,
                new TestRetry(retries, Duration.ofMillis(20)), breaker);
    }

    TestLlmConfig withBreaker(int volume, double ratio, Duration delay) {
        return new TestLlmConfig(baseUrl, apiKey, model, timeout, maxIterations, nativeTools, temperature, maxTokens,
                retry, new TestBreaker(volume, ratio, delay));
    }

    record TestRetry(int maxRetries, Duration delay) implements Retry {
        @Override
        public Duration jitter() {
            return Duration.ZERO;
        }
    }

    record TestBreaker(int requestVolumeThreshold, double failureRatio, Duration delay) implements Breaker {
        @Override
        public int successThreshold() {
            return 1;
        }
    }
}
