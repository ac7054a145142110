package dev.parley.agent.llm;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A {@link RawChatServer} as the application's model, for tests of streams that break or that the client abandons:
 * each test says what the next model call gets with {@link RawChatServer#play}.
 */
public class RawModelResource implements QuarkusTestResourceLifecycleManager {

    public static volatile RawChatServer model;

    @Override
    public Map<String, String> start() {
        try {
            model = new RawChatServer(List.of(), RawChatServer.Ending.CLOSE, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "parley.agent.llm.base-url", model.baseUrl(),
                "parley.agent.llm.api-key", LlmWireMock.API_KEY,
                "parley.agent.llm.model", LlmWireMock.MODEL,
                "parley.agent.llm.timeout", "10s",
                "parley.agent.llm.retry.delay", "20ms",
                "parley.agent.llm.retry.jitter", "0ms",
                "parley.agent.llm.breaker.request-volume-threshold", "1000");
    }

    @Override
    public void stop() {
        if (model != null) {
            try {
                model.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
