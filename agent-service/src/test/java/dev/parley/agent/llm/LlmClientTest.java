package dev.parley.agent.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.agent.domain.Usage;
import dev.parley.testing.TestJwtKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded client against WireMock (the application's own client, wired by CDI) and against raw socket servers
 * (clients made here, each with a breaker of its own) for dropped and cancelled streams.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = LlmWireMock.class, restrictToAnnotatedClass = true)
class LlmClientTest {

    private static final String PATH = "/v1/chat/completions";
    private static final List<ModelMessage> HELLO = List.of(new ModelMessage.System("You help."),
            new ModelMessage.User("Say hello."));

    @Inject
    LlmClient client;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @BeforeEach
    void reset() {
        LlmWireMock.server.resetAll();
    }

    @Test
    void answersWithTheModelsUsageAndSendsKeyAndModel() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("Hello.", 12, 3))));

        ModelTurn turn = await(client.complete(HELLO, List.of()));

        assertThat(turn.text()).isEqualTo("Hello.");
        assertThat(turn.finishReason()).isEqualTo("stop");
        assertThat(turn.model()).isEqualTo(LlmWireMock.MODEL);
        assertThat(turn.usage()).isEqualTo(new Usage(12, 3, "model"));
        LlmWireMock.server.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + LlmWireMock.API_KEY)));
        JsonNode body = requestBodies().getFirst();
        assertThat(body.path("model").asText()).isEqualTo(LlmWireMock.MODEL);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Say hello.");
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("tools")).isFalse();
        assertThat(registry.find("agent.llm.tokens").tags("kind", "prompt", "counted", "model").counter())
                .isNotNull();
        assertThat(registry.find("agent.llm.calls").tag("outcome", "success").counter().count()).isPositive();
        assertThat(registry.find("agent.llm").tag("outcome", "success").timer().count()).isPositive();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("agent_llm_tokens_total\\{[^}]*counted=\"model\"[^}]*kind=\"prompt\"")
                .containsPattern("agent_llm_calls_total\\{[^}]*outcome=\"success\"")
                .containsPattern("agent_llm_seconds_bucket\\{");
    }

    @Test
    void estimatesUsageWithJtokkitWhenTheModelSendsNone() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("Hello there, analyst.", -1, 0))));
        UsageMeter meter = new UsageMeter();

        ModelTurn turn = await(client.complete(HELLO, List.of(), meter));

        assertThat(turn.usage().counted()).isEqualTo("estimate");
        // "Hello there, analyst." is 5 cl100k tokens; the prompt is two short messages plus their framing
        assertThat(turn.usage().completionTokens()).isEqualTo(5);
        assertThat(turn.usage().promptTokens()).isBetween(10L, 30L);
        assertThat(meter.total()).isEqualTo(turn.usage());
    }

    @Test
    void retriesA503AndSucceeds() {
        LlmWireMock.server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"message\":\"busy\"}}"))
                .willSetStateTo("recovered"));
        LlmWireMock.server.stubFor(post(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(json(OpenAiWire.answer("Back.", 5, 1))));

        assertThat(await(client.complete(HELLO, List.of())).text()).isEqualTo("Back.");
        LlmWireMock.server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void retriesAStreamThatFailedBeforeItsFirstToken() {
        LlmWireMock.server.stubFor(post(PATH).inScenario("flaky-stream").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("recovered"));
        LlmWireMock.server.stubFor(post(PATH).inScenario("flaky-stream").whenScenarioStateIs("recovered")
                .willReturn(sse(OpenAiWire.textChunks(List.of("Hi", "!"), true))));
        List<String> tokens = new CopyOnWriteArrayList<>();

        assertThat(await(client.stream(HELLO, List.of(), tokens::add, new UsageMeter())).text()).isEqualTo("Hi!");
        assertThat(tokens).containsExactly("Hi", "!");
        LlmWireMock.server.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void doesNotRetryA400() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"bad\"}}")));

        assertThatThrownBy(() -> await(client.complete(HELLO, List.of())))
                .isInstanceOfSatisfying(LlmUnavailable.class, e -> {
                    assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.REJECTED);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).doesNotContain("bad");
                });
        LlmWireMock.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void doesNotRetryA401() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> await(client.complete(HELLO, List.of())))
                .isInstanceOfSatisfying(LlmUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.REJECTED));
        LlmWireMock.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void streamsTokensInOrderAndTakesUsageFromTheLastChunk() {
        List<String> chunks = OpenAiWire.concat(OpenAiWire.textChunks(List.of("The", " claim", " is", " open."), true),
                List.of(OpenAiWire.usageChunk(40, 4)));
        LlmWireMock.server.stubFor(post(PATH).willReturn(sse(chunks)));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelTurn turn = await(client.stream(HELLO, List.of(), tokens::add, new UsageMeter()));

        assertThat(tokens).containsExactly("The", " claim", " is", " open.");
        assertThat(turn.text()).isEqualTo("The claim is open.");
        assertThat(turn.usage()).isEqualTo(new Usage(40, 4, "model"));
        JsonNode body = requestBodies().getFirst();
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void assemblesAStreamedToolCall() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(
                sse(OpenAiWire.toolCallChunks("call_1", "lookup_claim", "{\"claimId\":\"C-17\"}"))));
        List<String> tokens = new CopyOnWriteArrayList<>();

        ModelTurn turn = await(client.stream(HELLO, List.of(LlmAgentTest.LOOKUP_CLAIM), tokens::add,
                new UsageMeter()));

        assertThat(tokens).isEmpty();
        assertThat(turn.toolCalls()).containsExactly(new ToolCall("call_1", "lookup_claim", "{\"claimId\":\"C-17\"}"));
        assertThat(turn.finishReason()).isEqualTo("tool_calls");
        assertThat(turn.usage().counted()).isEqualTo("estimate");
    }

    @Test
    void timesOutWithinTheTimeoutAndIsNotRetried() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("late", 1, 1))
                .withFixedDelay(8_000)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> await(client.complete(HELLO, List.of())))
                .isInstanceOfSatisfying(LlmUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.TIMEOUT));

        // the configured timeout is 3 s; no retry after it
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofMillis(4_500));
        LlmWireMock.server.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void breakerOpensAfterRepeatedTimeoutsAndThenFailsFast() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("late", 1, 1))
                .withFixedDelay(3_000)));
        TestLlmConfig config = TestLlmConfig.of(LlmWireMock.baseUrl()).withTimeout(Duration.ofMillis(300))
                .withBreaker(4, 0.5, Duration.ofSeconds(60));
        LlmClient guarded = new LlmClient(config, registry, vertx, "test-breaker");

        for (int i = 0; i < 4; i++) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> await(guarded.complete(HELLO, List.of())))
                    .isInstanceOfSatisfying(LlmUnavailable.class,
                            e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
        }
        long started = System.nanoTime();
        assertThatThrownBy(() -> await(guarded.complete(HELLO, List.of())))
                .isInstanceOfSatisfying(LlmUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.CIRCUIT_OPEN));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        LlmWireMock.server.verify(4, postRequestedFor(urlEqualTo(PATH)));
        // the application's own breaker is another one: it still calls the model
        LlmWireMock.server.resetAll();
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("fine", 1, 1))));
        assertThat(await(client.complete(HELLO, List.of())).text()).isEqualTo("fine");
    }

    @Test
    void aStreamDroppedMidAnswerFailsAndIsNotRetried() throws Exception {
        try (RawChatServer model = new RawChatServer(OpenAiWire.textChunks(List.of("The", " claim"), false),
                RawChatServer.Ending.DROP, true)) {
            // a timeout far above the bound below: the drop is noticed at once, not by the silence watchdog
            LlmClient direct = new LlmClient(TestLlmConfig.of(model.baseUrl()).withRetries(2)
                    .withTimeout(Duration.ofSeconds(15)), registry, vertx, "test-drop");
            List<String> tokens = new CopyOnWriteArrayList<>();
            UsageMeter meter = new UsageMeter();
            long started = System.nanoTime();

            assertThatThrownBy(() -> await(direct.stream(HELLO, List.of(), tokens::add, meter)))
                    .isInstanceOf(LlmStreamBroken.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(tokens).containsExactly("The", " claim");
            assertThat(model.requests.get()).isEqualTo(1);
            assertThat(meter.total().counted()).isEqualTo("estimate");
            assertThat(meter.total().completionTokens()).isEqualTo(2);
        }
    }

    @Test
    void aStreamClosedCleanlyWithoutItsEndFails() throws Exception {
        try (RawChatServer model = new RawChatServer(OpenAiWire.textChunks(List.of("Half", " an"), false),
                RawChatServer.Ending.CLOSE, true)) {
            LlmClient direct = new LlmClient(TestLlmConfig.of(model.baseUrl()).withTimeout(Duration.ofSeconds(15)),
                    registry, vertx, "test-close");
            List<String> tokens = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();

            assertThatThrownBy(() -> await(direct.stream(HELLO, List.of(), tokens::add, new UsageMeter())))
                    .isInstanceOf(LlmStreamBroken.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(tokens).containsExactly("Half", " an");
        }
    }

    @Test
    void cancellingAStreamClosesTheConnectionAndKeepsTheUsageSoFar() throws Exception {
        try (RawChatServer model = new RawChatServer(OpenAiWire.textChunks(List.of("One", " two", " three"), false),
                RawChatServer.Ending.HOLD, true)) {
            LlmClient direct = new LlmClient(TestLlmConfig.of(model.baseUrl()).withTimeout(Duration.ofSeconds(30)),
                    registry, vertx, "test-cancel");
            List<String> tokens = new CopyOnWriteArrayList<>();
            UsageMeter meter = new UsageMeter();
            AtomicReference<Object> outcome = new AtomicReference<>();

            Cancellable call = direct.stream(HELLO, List.of(), tokens::add, meter).subscribe()
                    .with(outcome::set, outcome::set);
            awaitCondition(() -> tokens.size() == 3);
            assertThat(model.disconnected.getCount()).isEqualTo(1);
            call.cancel();

            assertThat(model.disconnected.await(5, TimeUnit.SECONDS)).as("the server saw the client go").isTrue();
            assertThat(meter.total().counted()).isEqualTo("estimate");
            assertThat(meter.total().completionTokens()).isEqualTo(3);
            assertThat(meter.total().promptTokens()).isPositive();
            assertThat(outcome.get()).isNull();
        }
    }

    @Test
    void cancellingAWaitingCallClosesTheConnection() throws Exception {
        try (RawChatServer model = new RawChatServer(List.of(), RawChatServer.Ending.HOLD, false)) {
            LlmClient direct = new LlmClient(TestLlmConfig.of(model.baseUrl()).withTimeout(Duration.ofSeconds(30)),
                    registry, vertx, "test-cancel-waiting");
            UsageMeter meter = new UsageMeter();

            Cancellable call = direct.complete(HELLO, List.of(), meter).subscribe().with(turn -> {}, failure -> {});
            assertThat(model.requested.await(5, TimeUnit.SECONDS)).isTrue();
            call.cancel();

            assertThat(model.disconnected.await(5, TimeUnit.SECONDS)).as("the server saw the client go").isTrue();
            assertThat(meter.total().promptTokens()).isPositive();
        }
    }

    @Test
    void failsFastWhenNoModelIsConfigured() {
        LlmClient off = new LlmClient(TestLlmConfig.of(null), registry, vertx, "test-off");

        assertThat(off.configured()).isFalse();
        assertThatThrownBy(() -> await(off.complete(HELLO, List.of())))
                .isInstanceOfSatisfying(LlmUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.NOT_CONFIGURED));
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    static List<JsonNode> requestBodies() {
        return LlmWireMock.server.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(request -> {
            try {
                return OpenAiWire.JSON.readTree(request.getBodyAsString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(List<String> payloads) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(OpenAiWire.sse(payloads));
    }

}
