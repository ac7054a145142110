package dev.parley.agent.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.parley.agent.rest.ChatCalls.chat;
import static dev.parley.agent.rest.ChatCalls.message;
import static dev.parley.agent.rest.ChatCalls.metric;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.parley.agent.ServiceDoubles;
import dev.parley.agent.llm.LlmWireMock;
import dev.parley.agent.llm.OpenAiWire;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat turns that reach the model (WireMock speaking the OpenAI wire format): the tool loop and its cut-off, links
 * only to what the workspace has, structured answers repaired or marked invalid, the fallback when the model does not
 * answer, what the model is sent (placeholders, never the originals; no mutating tool on a read-only page).
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = LlmWireMock.class, restrictToAnnotatedClass = true)
class ChatWithModelTest {

    private static final String PATH = "/v1/chat/completions";
    private static final String ANALYST = TestTokens.valid("tenant-model", "ann@example.test",
            Set.of("user", "analyst"), List.of("ws-1"));

    @BeforeAll
    static void auditTopic() {
        TestTopics.ensureAuditTopic();
    }

    @BeforeEach
    void reset() {
        ServiceDoubles.reset();
        LlmWireMock.server.resetAll();
    }

    @Test
    void theModelAnswersWithTwoToolsAndTheirSourcesAtMediumConfidence() {
        String scenario = "two-tools";
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(json(OpenAiWire.toolCall("call-1", "query_case_detail", "{\"caseId\":\"CASE-000001\"}", 40, 8)))
                .willSetStateTo("rules"));
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs("rules")
                .willReturn(json(OpenAiWire.toolCall("call-2", "query_rules", "{}", 60, 6)))
                .willSetStateTo("answer"));
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs("answer")
                .willReturn(json(OpenAiWire.answer("CASE-000001 scores 85 mostly from RULE-MED-001 (duplicate billing).",
                        90, 20))));

        var reply = chat(ANALYST, message("Why does CASE-000001 score so much higher than its peers this quarter?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<List<String>>path("toolCalls.name")).containsExactly("query_case_detail", "query_rules");
        assertThat(reply.<List<String>>path("toolCalls.status")).containsOnly("completed");
        assertThat(reply.<String>path("confidence")).isEqualTo("medium");
        assertThat(reply.<String>path("model")).isEqualTo(LlmWireMock.MODEL);
        assertThat(reply.<String>path("promptVersion")).startsWith("chat-system@");
        assertThat(reply.<List<String>>path("sources.id")).contains("CASE-000001");
        assertThat(reply.<String>path("reply")).contains("](/cases/CASE-000001)");
        assertThat(reply.<Integer>path("usage.promptTokens")).isEqualTo(190);
        assertThat(reply.<Integer>path("usage.completionTokens")).isEqualTo(34);

        List<JsonNode> sent = requests();
        assertThat(sent).hasSize(3);
        JsonNode last = sent.get(2).path("messages");
        List<String> roles = new ArrayList<>();
        last.forEach(m -> roles.add(m.path("role").asText()));
        assertThat(roles).containsSubsequence("system", "user", "assistant", "tool", "assistant", "tool");
        assertThat(last.toString()).contains("RULE-MED-003").as("the tool results went back to the model");
        var conversation = ServiceDoubles.Conversations.CONVERSATIONS.get(UUID.fromString(reply.path("conversationId")));
        assertThat(conversation.messages.stream().map(m -> m.path("role").asText())).contains("user", "assistant");
    }

    @Test
    void theToolLoopStopsAtFiveRoundsAndSaysSo() {
        LlmWireMock.server.stubFor(post(PATH).atPriority(1).withRequestBody(matchingJsonPath("$.tools"))
                .willReturn(json(OpenAiWire.toolCall("call-x", "query_pipeline_stats", "{}", 10, 2))));
        LlmWireMock.server.stubFor(post(PATH).atPriority(5)
                .willReturn(json(OpenAiWire.answer("I looked at the statistics several times; here is what I have.", 10, 9))));

        var reply = chat(ANALYST, message("Keep checking whether anything in the figures looks unusual to you"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        List<String> names = reply.path("toolCalls.name");
        assertThat(names.stream().filter("query_pipeline_stats"::equals)).hasSize(5);
        assertThat(reply.<List<String>>path("toolCalls.status")).contains("reached");
        assertThat(names).contains("iteration_limit");
        List<JsonNode> sent = requests();
        assertThat(sent).hasSize(6);
        assertThat(sent.get(5).has("tools")).as("the last call offers no tools").isFalse();
    }

    @Test
    void theAgentsOwnTimeLeavesOutTheModelsTime() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("Nothing stands out in how claims "
                + "are spread over the week.", 20, 10)).withFixedDelay(1500)));

        var reply = chat(ANALYST, message("Is anything odd about which weekdays claims arrive on, would you say?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        // the turn took the model's 1.5 s; the agent's own share of it did not
        assertThat(metric("agent_turn_seconds_max{path=\"llm\"")).isGreaterThanOrEqualTo(1.5);
        assertThat(metric("agent_turn_overhead_seconds_max{path=\"llm\"")).isPositive().isLessThan(1.5);
    }

    @Test
    void aCaseIdTheWorkspaceDoesNotHaveIsFlaggedAndNotLinked() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer(
                "Compare CASE-000001 with CASE-000777, which looks similar.", 30, 12))));

        var reply = chat(ANALYST, message("Which other investigations resemble the worst one, in your view?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<List<String>>path("flaggedIds")).containsExactly("CASE-000777");
        String text = reply.path("reply");
        assertThat(text).contains("](/cases/CASE-000001)").doesNotContain("](/cases/CASE-000777)");
    }

    @Test
    void aReportWithBrokenJsonIsRepairedIntoMarkdown() {
        String broken = """
                Here is the report:
                ```json
                {"title": "Critical cases", "sections": [{"heading": "Overview", "body": "One critical case, CASE-000001.",},],
                 "caseIds": ["CASE-000001"],}
                ```""";
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer(broken, 50, 40))));

        var reply = chat(ANALYST, message("Generate a report of this week's critical cases"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("intent")).isEqualTo("REPORT");
        assertThat(reply.<String>path("validation.status")).isEqualTo("repaired");
        assertThat(reply.<String>path("reply")).contains("Critical cases").contains("Overview")
                .doesNotContain("```").doesNotContain("\"sections\"");
        assertThat(reply.<String>path("promptVersion")).contains("report@");
    }

    @Test
    void aReportThatCannotBeReadIsMarkedInvalidWithLowConfidence() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("{\"title\": \"\", \"sections\": []}", 5, 5))));

        var reply = chat(ANALYST, message("Generate a report of this week's escalations"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("validation.status")).isEqualTo("invalid");
        assertThat(reply.<List<String>>path("validation.errors")).isNotEmpty();
        assertThat(reply.<String>path("confidence")).isEqualTo("low");
    }

    @Test
    void aModelThatDoesNotAnswerInTimeGivesTheFallbackAtLowConfidence() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("too late", 1, 1))
                .withFixedDelay(4_000)));

        var reply = chat(ANALYST, message("Why would a provider bill so many units on one day?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("confidence")).isEqualTo("low");
        assertThat(reply.<String>path("reply")).contains("unavailable").doesNotContain("too late");
        var conversation = ServiceDoubles.Conversations.CONVERSATIONS.get(UUID.fromString(reply.path("conversationId")));
        assertThat(conversation.messages).as("the turn is kept, with its honest answer").hasSize(2);
    }

    @Test
    void theModelSeesPlaceholdersAndTheUserSeesWhatTheyTyped() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer(
                "I will note that \u27E6PERSON_1\u27E7 (\u27E6EMAIL_1\u27E7) asked about this.", 20, 10))));

        var reply = chat(ANALYST, message("My colleague Maria Gonzalez (maria.gonzalez@example.org, SSN 219-45-6789) "
                + "wonders why billing patterns change around holidays"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        String everythingSent = String.join("\n", LlmWireMock.server.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(LoggedRequest::getBodyAsString).toList());
        assertThat(everythingSent).isNotEmpty().doesNotContain("Maria").doesNotContain("Gonzalez")
                .doesNotContain("maria.gonzalez@example.org").doesNotContain("219-45-6789")
                .contains("\u27E6EMAIL_1\u27E7");
        assertThat(reply.<String>path("reply")).contains("maria.gonzalez@example.org").contains("Maria Gonzalez");
        var stored = ServiceDoubles.Conversations.CONVERSATIONS.get(UUID.fromString(reply.path("conversationId")));
        assertThat(stored.messages.toString()).doesNotContain("maria.gonzalez@example.org").doesNotContain("219-45-6789");
    }

    @Test
    void toolResultsReachTheModelScrubbed() {
        String scenario = "provider";
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(json(OpenAiWire.toolCall("call-p", "query_cases", "{\"riskLevel\":\"critical\"}", 10, 3)))
                .willSetStateTo("detail"));
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs("detail")
                .willReturn(json(OpenAiWire.toolCall("call-q", "query_case_detail", "{\"caseId\":\"CASE-000001\"}", 10, 3)))
                .willSetStateTo("answer"));
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs("answer")
                .willReturn(json(OpenAiWire.answer("The critical case is CASE-000001.", 10, 5))));

        var reply = chat(ANALYST, message("Walk me through the reasoning behind the critical investigations"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(ServiceDoubles.Compliance.RECEIVED).as("tool results went through compliance")
                .anyMatch(text -> text.contains("CASE-000001") && text.contains("riskScore"));
        String toolResults = requests().get(2).path("messages").toString();
        assertThat(toolResults).contains("CASE-000001").doesNotContain("Dr. Bee");
    }

    @Test
    void aReadOnlyPageOffersTheModelNoToolThatChangesAnything() {
        LlmWireMock.server.stubFor(post(PATH).willReturn(json(OpenAiWire.answer("The dashboard shows the totals.", 10, 5))));

        Map<String, Object> body = message("What should I pay attention to on this dashboard, in your opinion?");
        body.put("mode", "page");
        body.put("pageContext", Map.of("resourceType", "dashboard", "resourceId", "main", "pageKey", "dashboard",
                "facts", Map.of("openCases", 2), "allowedActions", List.of("update_case_status", "run_pipeline")));
        var reply = chat(ANALYST, body);

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        JsonNode sent = requests().get(0);
        List<String> offered = new ArrayList<>();
        sent.path("tools").forEach(tool -> offered.add(tool.path("function").path("name").asText()));
        assertThat(offered).isNotEmpty().contains("query_cases")
                .doesNotContain("update_case_status", "add_case_comment", "set_reminder", "run_pipeline");
        assertThat(sent.path("messages").toString()).contains("dashboard");
    }

    @Test
    void aMutatingToolCallIsOnlyProposed() {
        String scenario = "mutate";
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(json(OpenAiWire.toolCall("call-m", "update_case_status",
                        "{\"caseId\":\"CASE-000002\",\"status\":\"escalated\"}", 10, 3)))
                .willSetStateTo("answer"));
        LlmWireMock.server.stubFor(post(PATH).inScenario(scenario).whenScenarioStateIs("answer")
                .willReturn(json(OpenAiWire.answer("I have proposed escalating CASE-000002.", 10, 5))));

        var reply = chat(ANALYST, message("Given what you know, do whatever you think is right with CASE-000002"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("pendingAction.tool")).isEqualTo("update_case_status");
        assertThat(reply.<List<String>>path("toolCalls.status")).contains("proposed");
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).as("nothing changes without a confirmation").isEmpty();
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The bodies the model received, in order. */
    private static List<JsonNode> requests() {
        return LlmWireMock.server.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(request -> {
            try {
                return OpenAiWire.JSON.readTree(request.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
