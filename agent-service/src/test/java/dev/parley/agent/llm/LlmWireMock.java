package dev.parley.agent.llm;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * WireMock in the test JVM (a free port) as the OpenAI-compatible model: the application's LLM points at
 * {@code http://127.0.0.1:<port>/v1}, so requests arrive at {@code POST /v1/chat/completions}.
 */
public class LlmWireMock implements QuarkusTestResourceLifecycleManager {

    public static final String API_KEY = "test-key-123";
    public static final String MODEL = "test-model";
    public static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "parley.agent.llm.base-url", baseUrl(),
                "parley.agent.llm.api-key", API_KEY,
                "parley.agent.llm.model", MODEL,
                "parley.agent.llm.timeout", "3s",
                "parley.agent.llm.retry.delay", "20ms",
                "parley.agent.llm.retry.jitter", "0ms",
                // the application's breaker must not open during these tests; LlmClientTest opens its own
                "parley.agent.llm.breaker.request-volume-threshold", "1000");
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
