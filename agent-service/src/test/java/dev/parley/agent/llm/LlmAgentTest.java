package dev.parley.agent.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.parley.agent.llm.LlmClientTest.await;
import static dev.parley.agent.llm.LlmClientTest.json;
import static dev.parley.agent.llm.LlmClientTest.requestBodies;
import static dev.parley.agent.llm.LlmClientTest.sse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.parley.agent.config.LlmConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tool loop against WireMock speaking the chat-completions format, streamed and not. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = LlmWireMock.class, restrictToAnnotatedClass = true)
class LlmAgentTest {

    static final ToolSpec LOOKUP_CLAIM = new ToolSpec("lookup_claim", "Looks up one claim by its id.",
            schema("claimId"), false);
    static final ToolSpec LIST_CASES = new ToolSpec("list_cases", "Lists the cases of a claim.", schema("claimId"),
            false);
    private static final String PATH = "/v1/chat/completions";
    private static final String CLAIM = "{\"claimId\":\"C-1\",\"status\":\"paid\",\"amount\":120.5}";
    private static final String CASES = "{\"cases\":[{\"id\":\"K-7\",\"state\":\"open\"}]}";

    @Inject
    LlmAgent agent;

    @Inject
    LlmClient client;

    @Inject
    LlmConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final TurnListener listener = new TurnListener() {
        @Override
        public void onToken(String token) {
            tokens.add(token);
        }

        @Override
        public void onTool(String tool, String status) {
            events.add(tool + ":" + status);
        }
    };
    private final ToolExecutor tools = (tool, arguments) -> {
        executed.add(tool + " " + arguments);
        return Uni.createFrom().item(tool.equals("lookup_claim") ? CLAIM : CASES);
    };

    @BeforeEach
    void reset() {
        LlmWireMock.server.resetAll();
    }

    @Test
    void runsTwoToolsInTurnAndSendsTheirResultsBackInOrder() {
        sequence(json(OpenAiWire.toolCall("call_a", "lookup_claim", "{\"claimId\":\"C-1\"}", 50, 10)),
                json(OpenAiWire.toolCall("call_b", "list_cases", "{\"claimId\":\"C-1\"}", 80, 12)),
                json(OpenAiWire.answer("Claim C-1 is paid and has one open case, K-7.", 110, 15)));

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM, LIST_CASES)), tools, listener, false));

        assertThat(result.text()).isEqualTo("Claim C-1 is paid and has one open case, K-7.");
        assertThat(result.toolCalls()).containsExactly(
                new ToolInvocation("lookup_claim", "{\"claimId\":\"C-1\"}", "completed"),
                new ToolInvocation("list_cases", "{\"claimId\":\"C-1\"}", "completed"));
        assertThat(result.iterations()).isEqualTo(2);
        assertThat(result.cutOff()).isFalse();
        assertThat(result.model()).isEqualTo(LlmWireMock.MODEL);
        assertThat(result.usage()).isEqualTo(new Usage(240, 37, "model"));
        assertThat(executed).containsExactly("lookup_claim {\"claimId\":\"C-1\"}", "list_cases {\"claimId\":\"C-1\"}");
        assertThat(events).containsExactly("lookup_claim:started", "lookup_claim:completed", "list_cases:started",
                "list_cases:completed");
        assertThat(tokens).isEmpty();

        LlmWireMock.server.verify(3, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + LlmWireMock.API_KEY))
                .withHeader("Content-Type", equalTo("application/json")));
        List<JsonNode> bodies = requestBodies();
        for (JsonNode body : bodies) {
            assertThat(body.path("model").asText()).isEqualTo(LlmWireMock.MODEL);
            assertThat(body.path("tools")).hasSize(2);
            assertThat(body.path("tools").get(0).path("type").asText()).isEqualTo("function");
            assertThat(body.path("tools").get(0).path("function").path("name").asText()).isEqualTo("lookup_claim");
            assertThat(body.path("tools").get(0).path("function").path("parameters"))
                    .isEqualTo(LOOKUP_CLAIM.parameters());
            assertThat(body.path("tools").get(1).path("function").path("name").asText()).isEqualTo("list_cases");
        }
        assertThat(roles(bodies.get(0))).containsExactly("system", "user");
        assertThat(roles(bodies.get(1))).containsExactly("system", "user", "assistant", "tool");
        assertThat(roles(bodies.get(2))).containsExactly("system", "user", "assistant", "tool", "assistant", "tool");
        JsonNode last = bodies.get(2).path("messages");
        assertThat(last.get(2).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_a");
        assertThat(last.get(2).path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo("lookup_claim");
        assertThat(last.get(3).path("tool_call_id").asText()).isEqualTo("call_a");
        assertThat(last.get(3).path("content").asText()).isEqualTo(CLAIM);
        assertThat(last.get(4).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_b");
        assertThat(last.get(5).path("tool_call_id").asText()).isEqualTo("call_b");
        assertThat(last.get(5).path("content").asText()).isEqualTo(CASES);
    }

    @Test
    void streamsTheFinalAnswerAfterStreamedToolCalls() {
        sequence(sse(OpenAiWire.concat(OpenAiWire.toolCallChunks("call_a", "lookup_claim", "{\"claimId\":\"C-1\"}"),
                        List.of(OpenAiWire.usageChunk(50, 10)))),
                sse(OpenAiWire.concat(OpenAiWire.toolCallChunks("call_b", "list_cases", "{\"claimId\":\"C-1\"}"),
                        List.of(OpenAiWire.usageChunk(80, 12)))),
                sse(OpenAiWire.concat(OpenAiWire.textChunks(List.of("C-1", " is", " paid."), true),
                        List.of(OpenAiWire.usageChunk(110, 3)))));

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM, LIST_CASES)), tools, listener, true));

        assertThat(tokens).containsExactly("C-1", " is", " paid.");
        assertThat(result.text()).isEqualTo("C-1 is paid.");
        assertThat(events).containsExactly("lookup_claim:started", "lookup_claim:completed", "list_cases:started",
                "list_cases:completed");
        assertThat(result.usage()).isEqualTo(new Usage(240, 25, "model"));
        List<JsonNode> bodies = requestBodies();
        assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body.path("stream").asBoolean()).isTrue());
        assertThat(bodies.get(2).path("messages").get(3).path("content").asText()).isEqualTo(CLAIM);
        assertThat(bodies.get(2).path("messages").get(5).path("content").asText()).isEqualTo(CASES);
    }

    @Test
    void stopsAfterFiveToolRoundsAndAnswersWithoutTools() {
        LlmWireMock.server.stubFor(post(PATH).atPriority(1).withRequestBody(matchingJsonPath("$.tools"))
                .willReturn(json(OpenAiWire.toolCall("call_x", "lookup_claim", "{\"claimId\":\"C-1\"}", 10, 2))));
        LlmWireMock.server.stubFor(post(PATH).atPriority(5)
                .willReturn(json(OpenAiWire.answer("I found the claim but could not finish.", 10, 8))));

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM)), tools, listener, false));

        assertThat(result.cutOff()).isTrue();
        assertThat(result.iterations()).isEqualTo(5);
        assertThat(result.text()).isEqualTo("I found the claim but could not finish.");
        assertThat(result.toolCalls()).hasSize(5);
        assertThat(executed).hasSize(5);
        List<JsonNode> bodies = requestBodies();
        assertThat(bodies).hasSize(6);
        assertThat(bodies.subList(0, 5)).allSatisfy(body -> assertThat(body.has("tools")).isTrue());
        JsonNode last = bodies.get(5);
        assertThat(last.has("tools")).isFalse();
        JsonNode messages = last.path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asText())
                .isEqualTo(LlmAgent.CUT_OFF_INSTRUCTION);
        // the tool results of all five rounds are still there for the answer
        assertThat(roles(last).stream().filter("tool"::equals).count()).isEqualTo(5);
    }

    @Test
    void anUnknownToolBecomesAnErrorResult() {
        sequence(json(OpenAiWire.toolCall("call_z", "delete_everything", "{}", 10, 2)),
                json(OpenAiWire.answer("I cannot do that.", 10, 4)));

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM)), tools, listener, false));

        assertThat(executed).isEmpty();
        assertThat(result.toolCalls()).containsExactly(new ToolInvocation("delete_everything", "{}", "failed"));
        JsonNode toolMessage = requestBodies().get(1).path("messages").get(3);
        assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo("call_z");
        assertThat(toolMessage.path("content").asText()).isEqualTo("{\"error\":\"unknown tool: delete_everything\"}");
    }

    @Test
    void aFailedToolAndAnErrorResultAreFailedAndMutatingToolsPropose() {
        ToolSpec propose = new ToolSpec("propose_case", "Proposes a case.", schema("claimId"), true);
        sequence(json(OpenAiWire.toolCall("call_1", "lookup_claim", "{\"claimId\":\"C-1\"}", 10, 2)),
                json(OpenAiWire.toolCall("call_2", "list_cases", "{\"claimId\":\"C-1\"}", 10, 2)),
                json(OpenAiWire.toolCall("call_3", "propose_case", "{\"claimId\":\"C-1\"}", 10, 2)),
                json(OpenAiWire.answer("Done.", 10, 1)));
        ToolExecutor flaky = (tool, arguments) -> switch (tool) {
            case "lookup_claim" -> Uni.createFrom().failure(new IllegalStateException("boom"));
            case "list_cases" -> Uni.createFrom().item("{\"error\":\"no access\"}");
            default -> Uni.createFrom().item("{\"proposalId\":\"P-1\"}");
        };

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM, LIST_CASES, propose)), flaky, listener,
                false));

        assertThat(result.toolCalls()).extracting(ToolInvocation::status).containsExactly("failed", "failed",
                "proposed");
        assertThat(events).containsExactly("lookup_claim:started", "lookup_claim:failed", "list_cases:started",
                "list_cases:failed", "propose_case:started", "propose_case:proposed");
        assertThat(requestBodies().get(1).path("messages").get(3).path("content").asText())
                .isEqualTo("{\"error\":\"the tool failed\"}");
    }

    @Test
    void sendsTheLastTwentyHistoryMessagesAndThePagePreamble() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("Hi.", 5, 1))));
        List<AgentRequest.HistoryMessage> history = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> new AgentRequest.HistoryMessage(i % 2 == 1 ? "user" : "assistant", "message " + i))
                .toList();

        await(agent.run(new AgentRequest("You help analysts.", "Page: claim C-1, status paid.", history, "Hello",
                List.of()), tools, listener, false));

        JsonNode messages = requestBodies().getFirst().path("messages");
        assertThat(messages).hasSize(2 + 20 + 1);
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You help analysts.");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Page: claim C-1, status paid.");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("message 6");
        assertThat(messages.get(21).path("content").asText()).isEqualTo("message 25");
        assertThat(messages.get(22).path("content").asText()).isEqualTo("Hello");
        assertThat(requestBodies().getFirst().has("tools")).isFalse();
    }

    @Test
    void mixedUsageIsAnEstimate() {
        sequence(json(OpenAiWire.toolCall("call_a", "lookup_claim", "{\"claimId\":\"C-1\"}", 50, 10)),
                json(OpenAiWire.answer("Paid.", -1, 0)));

        AgentResult result = await(agent.run(request(List.of(LOOKUP_CLAIM)), tools, listener, false));

        assertThat(result.usage().counted()).isEqualTo("estimate");
        assertThat(result.usage().promptTokens()).isGreaterThan(50);
        assertThat(result.usage().completionTokens()).isGreaterThan(10);
    }

    @Test
    void parsesPromptDescribedToolCallsFencedAndBare() {
        LlmAgent promptAgent = new LlmAgent(client, TestLlmConfig.copyOf(config).withNativeTools(false));
        sequence(json(OpenAiWire.answer("Let me look.\n```json\n{\"tool\": \"lookup_claim\", \"arguments\": "
                        + "{\"claimId\": \"C-1\"}}\n```", 30, 20)),
                json(OpenAiWire.answer("{\"tool\": \"list_cases\", \"arguments\": {\"claimId\": \"C-1\"}}", 60, 15)),
                json(OpenAiWire.answer("{\"tool\": \"rm_rf\", \"arguments\": {}}", 90, 10)),
                json(OpenAiWire.answer("C-1 is paid; case K-7 is open.", 120, 9)));

        AgentResult result = await(promptAgent.run(request(List.of(LOOKUP_CLAIM, LIST_CASES)), tools, listener,
                false));

        assertThat(result.text()).isEqualTo("C-1 is paid; case K-7 is open.");
        assertThat(executed).containsExactly("lookup_claim {\"claimId\":\"C-1\"}", "list_cases {\"claimId\":\"C-1\"}");
        assertThat(result.toolCalls()).extracting(ToolInvocation::status).containsExactly("completed", "completed",
                "failed");
        List<JsonNode> bodies = requestBodies();
        assertThat(bodies).hasSize(4).allSatisfy(body -> assertThat(body.has("tools")).isFalse());
        String system = bodies.getFirst().path("messages").get(0).path("content").asText();
        assertThat(system).startsWith("You help analysts.").contains(PromptTools.INSTRUCTIONS)
                .contains("- lookup_claim: Looks up one claim by its id.");
        assertThat(roles(bodies.get(3))).containsExactly("system", "user", "assistant", "user", "assistant", "user",
                "assistant", "user");
        JsonNode messages = bodies.get(3).path("messages");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("Result of the tool lookup_claim:\n" + CLAIM);
        assertThat(messages.get(5).path("content").asText()).isEqualTo("Result of the tool list_cases:\n" + CASES);
        assertThat(messages.get(7).path("content").asText())
                .isEqualTo("Result of the tool rm_rf:\n{\"error\":\"unknown tool: rm_rf\"}");
    }

    @Test
    void streamingWithPromptDescribedToolsNeverShowsTheCall() {
        LlmAgent promptAgent = new LlmAgent(client, TestLlmConfig.copyOf(config).withNativeTools(false));
        sequence(sse(OpenAiWire.textChunks(List.of("```", "json\n{\"tool\": \"lookup_", "claim\", \"arguments\": ",
                        "{\"claimId\": \"C-1\"}}\n", "```"), true)),
                sse(OpenAiWire.textChunks(List.of("C-1", " is", " paid."), true)));

        AgentResult result = await(promptAgent.run(request(List.of(LOOKUP_CLAIM)), tools, listener, true));

        assertThat(String.join("", tokens)).isEqualTo("C-1 is paid.");
        assertThat(result.text()).isEqualTo("C-1 is paid.");
        assertThat(executed).containsExactly("lookup_claim {\"claimId\":\"C-1\"}");
    }

    @Test
    void cancellingARunMidStreamClosesTheModelConnectionAndKeepsTheUsage() throws Exception {
        try (RawChatServer model = new RawChatServer(OpenAiWire.textChunks(List.of("Checking", " the"), false),
                RawChatServer.Ending.HOLD, true)) {
            TestLlmConfig direct = TestLlmConfig.of(model.baseUrl()).withTimeout(Duration.ofSeconds(30));
            LlmAgent directAgent = new LlmAgent(new LlmClient(direct, registry, vertx, "test-agent-cancel"), direct);
            UsageMeter meter = new UsageMeter();

            Cancellable run = directAgent.run(request(List.of(LOOKUP_CLAIM)), tools, listener, true, meter)
                    .subscribe().with(result -> {}, failure -> {});
            LlmClientTest.awaitCondition(() -> tokens.size() == 2);
            run.cancel();

            assertThat(model.disconnected.await(5, TimeUnit.SECONDS)).as("the server saw the client go").isTrue();
            assertThat(meter.total().counted()).isEqualTo("estimate");
            assertThat(meter.total().completionTokens()).isEqualTo(2);
            assertThat(meter.total().promptTokens()).isPositive();
            assertThat(model.requestBody).contains("\"lookup_claim\"");
        }
    }

    private void sequence(ResponseDefinitionBuilder... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = "step " + (i + 1);
            LlmWireMock.server.stubFor(post(PATH).inScenario("turn").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static AgentRequest request(List<ToolSpec> specs) {
        return new AgentRequest("You help analysts.", null, List.of(), "What about claim C-1?", specs);
    }

    private static List<String> roles(JsonNode body) {
        List<String> roles = new ArrayList<>();
        body.path("messages").forEach(message -> roles.add(message.path("role").asText()));
        return roles;
    }

    static ObjectNode schema(String property) {
        ObjectNode schema = OpenAiWire.JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject(property).put("type", "string");
        schema.putArray("required").add(property);
        return schema;
    }
}
