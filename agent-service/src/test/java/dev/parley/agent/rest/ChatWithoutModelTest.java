package dev.parley.agent.rest;

import static dev.parley.agent.rest.ChatCalls.chat;
import static dev.parley.agent.rest.ChatCalls.message;
import static dev.parley.agent.rest.ChatCalls.metric;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.parley.agent.ServiceDoubles;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat turns with no language model configured, against the in-app doubles of compliance, conversation and
 * pipeline: the fast path answers from data with high confidence, status changes are proposed and run once when
 * confirmed, destructive requests are refused, page scope holds, anything else degrades honestly, and the turn
 * fails closed without compliance.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class ChatWithoutModelTest {

    private static final String ANALYST = TestTokens.valid("tenant-chat", "ann@example.test", Set.of("user", "analyst"),
            List.of("ws-1"));
    private static final String USER = TestTokens.valid("tenant-chat", "uma@example.test", Set.of("user"), List.of("ws-1"));

    @BeforeAll
    static void auditTopic() {
        TestTopics.ensureAuditTopic();
    }

    @BeforeEach
    void reset() {
        ServiceDoubles.reset();
    }

    @Test
    void workspaceStatisticsComeFromDataWithHighConfidence() {
        String ownTime = "agent_turn_overhead_seconds_count{path=\"fast\"";
        double turnsBefore = metric(ownTime);
        var reply = chat(USER, message("How many cases are there in this workspace?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("confidence")).isEqualTo("high");
        assertThat(reply.<String>path("intent")).isEqualTo("QUERY");
        assertThat(reply.<List<String>>path("toolCalls.name")).containsExactly("query_pipeline_stats");
        assertThat(reply.<String>path("reply")).contains("2");
        assertThat(reply.<String>path("conversationToken")).isNotBlank();
        assertThat(reply.<String>path("model")).isNull();
        UUID conversation = UUID.fromString(reply.path("conversationId"));
        assertThat(ServiceDoubles.Conversations.CONVERSATIONS.get(conversation).messages).hasSize(2)
                .extracting(m -> m.path("role").asText()).containsExactly("user", "assistant");
        // counts and labels only: the user's message is scrubbed, the statistics reply needs no second scrub
        assertThat(ServiceDoubles.Compliance.RECEIVED).containsExactly("How many cases are there in this workspace?");
        // the agent's own time in the turn is measured apart from its waits, once per turn
        assertThat(metric(ownTime)).isEqualTo(turnsBefore + 1);
    }

    @Test
    void aCaseIsDescribedAndLinkedAndTheConversationContinuesWithItsToken() {
        var first = chat(USER, message("Tell me about CASE-000001"));
        assertThat(first.<String>path("reply")).contains("[CASE-000001](/cases/CASE-000001)");
        assertThat(first.<String>path("confidence")).isEqualTo("high");
        assertThat(first.<List<String>>path("sources.id")).contains("CASE-000001");
        // a case quotes workspace data (provider names, descriptions): its stored copy is scrubbed too
        assertThat(ServiceDoubles.Compliance.RECEIVED).hasSize(2).first().isEqualTo("Tell me about CASE-000001");
        assertThat(ServiceDoubles.Compliance.RECEIVED.get(1)).contains("CASE-000001");

        Map<String, Object> next = message("What are the top risk cases?");
        next.put("conversationToken", first.path("conversationToken"));
        var second = chat(USER, next);
        assertThat(second.<String>path("conversationId")).isEqualTo(first.path("conversationId"));
        assertThat(second.<List<String>>path("toolCalls.name")).containsExactly("query_cases");
        assertThat(ServiceDoubles.Conversations.CONVERSATIONS.get(UUID.fromString(first.path("conversationId"))).messages)
                .hasSize(4);
    }

    @Test
    void anUnknownCaseIsSaidToBeUnknown() {
        var reply = chat(USER, message("Tell me about CASE-999999"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.<String>path("reply")).doesNotContain("](/cases/CASE-999999)");
    }

    @Test
    void aStatusChangeIsProposedThenRunsOnceWhenConfirmed() {
        var proposed = chat(ANALYST, message("Please close CASE-000002"));
        assertThat(proposed.statusCode()).as(proposed.body().asString()).isEqualTo(200);
        assertThat(proposed.<String>path("pendingAction.tool")).isEqualTo("update_case_status");
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).as("nothing changed before the confirmation").isEmpty();

        Map<String, Object> confirm = message("yes");
        confirm.put("conversationToken", proposed.path("conversationToken"));
        confirm.put("confirmActionId", proposed.path("pendingAction.actionId"));
        var done = chat(ANALYST, confirm);
        assertThat(done.statusCode()).as(done.body().asString()).isEqualTo(200);
        assertThat(done.<List<String>>path("toolCalls.status")).containsExactly("executed");
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).containsExactly("status CASE-000002 closed");

        confirm.put("conversationToken", done.path("conversationToken"));
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(confirm).post("/v1/chat")
                .then().statusCode(409).contentType(containsString("application/problem+json"));
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).as("a second confirmation runs nothing").hasSize(1);
    }

    @Test
    void anActionIdIsBoundToItsConversationAndUser() {
        var proposed = chat(ANALYST, message("Please close CASE-000002"));
        String actionId = proposed.path("pendingAction.actionId");
        var other = chat(ANALYST, message("How many cases are there?"));
        Map<String, Object> elsewhere = message("yes");
        elsewhere.put("conversationToken", other.path("conversationToken"));
        elsewhere.put("confirmActionId", actionId);
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(elsewhere).post("/v1/chat").then().statusCode(409);
        Map<String, Object> forged = message("yes");
        forged.put("conversationToken", proposed.path("conversationToken"));
        forged.put("confirmActionId", actionId.substring(0, actionId.length() - 3) + "AAA");
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(forged).post("/v1/chat").then().statusCode(409);
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).isEmpty();
    }

    @Test
    void aUserWithoutTheAnalystRoleCannotRunThePipeline() {
        var reply = chat(USER, message("Please run the pipeline"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.<Object>path("pendingAction")).isNull();
        assertThat(reply.<String>path("reply")).contains("analyst");
    }

    @Test
    void destructiveRequestsAreRefusedPlainly() {
        var reply = chat(ANALYST, message("Delete CASE-000001 and all its claims"));
        assertThat(reply.<String>path("reply")).contains("can't delete");
        assertThat(reply.<Object>path("pendingAction")).isNull();
        assertThat(ServiceDoubles.Pipeline.MUTATIONS).isEmpty();
    }

    @Test
    void withoutAModelOtherQuestionsGetAnHonestLowConfidenceAnswer() {
        var reply = chat(USER, message("Why do you think this provider bills so much more than its peers in March?"));
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.<String>path("confidence")).isEqualTo("low");
        assertThat(reply.<String>path("reply")).contains("not configured");
    }

    @Test
    void pageModeKeepsToItsPage() {
        Map<String, Object> body = message("What are the top risk cases in the workspace?");
        body.put("mode", "page");
        body.put("pageContext", Map.of("resourceType", "case", "resourceId", "CASE-000001", "pageKey", "case-detail",
                "facts", Map.of("status", "open"), "allowedActions", List.of("update_case_status")));
        var reply = chat(USER, body);
        assertThat(reply.<String>path("intent")).isEqualTo("OUT_OF_SCOPE_PAGE");
        assertThat(reply.<String>path("reply")).contains("CASE-000001");
        assertThat(ServiceDoubles.Pipeline.CALLS.get()).as("no data but the page's case, checked before it is linked")
                .isLessThanOrEqualTo(1);

        Map<String, Object> noPage = message("What is this?");
        noPage.put("mode", "page");
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(noPage).post("/v1/chat").then().statusCode(400)
                .body("errors.field", hasItem("body.pageContext"));
    }

    @Test
    void personalDataIsStoredScrubbedAndShownToTheUserAsTyped() {
        var reply = chat(USER, message("My colleague Maria Gonzalez (maria.gonzalez@example.org) asked: how many cases are there?"));
        assertThat(reply.statusCode()).isEqualTo(200);
        String stored = ServiceDoubles.Conversations.CONVERSATIONS.get(UUID.fromString(reply.path("conversationId")))
                .messages.get(0).path("content").asText();
        assertThat(stored).doesNotContain("maria.gonzalez@example.org").contains("\u27E6EMAIL_1\u27E7");
    }

    @Test
    void withoutComplianceNothingHappens() {
        ServiceDoubles.Compliance.DOWN.set(true);
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(message("How many cases are there?"))
                .post("/v1/chat").then().statusCode(503).contentType(containsString("application/problem+json"))
                .body("detail", containsString("PII protection"));
        assertThat(ServiceDoubles.Pipeline.CALLS.get()).isZero();
        assertThat(ServiceDoubles.Conversations.CONVERSATIONS.values()).allMatch(c -> c.messages.isEmpty());
    }

    @Test
    void badRequestsAreProblems() {
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(Map.of("message", "hi")).post("/v1/chat")
                .then().statusCode(400).body("errors.field", hasItem("body.workspaceId"));
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(message("   ")).post("/v1/chat")
                .then().statusCode(400).body("errors.field", hasItem("body.message"));
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(message("x".repeat(8001))).post("/v1/chat")
                .then().statusCode(413);
        Map<String, Object> elsewhere = message("How many cases?");
        elsewhere.put("workspaceId", "ws-9");
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(elsewhere).post("/v1/chat")
                .then().statusCode(403).contentType(containsString("application/problem+json"));
        Map<String, Object> badToken = message("How many cases?");
        badToken.put("conversationToken", "not-a-token");
        given().auth().oauth2(USER).contentType(ContentType.JSON).body(badToken).post("/v1/chat")
                .then().statusCode(404).body("detail", not(containsString("not-a-token")));
        given().contentType(ContentType.JSON).body(message("hi")).post("/v1/chat").then().statusCode(401);
    }

    @Test
    void theStreamCarriesMetaAndExactlyOneDone() {
        String stream = given().auth().oauth2(USER).contentType(ContentType.JSON).accept("text/event-stream")
                .body(message("How many cases are there?")).post("/v1/chat/stream")
                .then().statusCode(200).header("X-Accel-Buffering", "no").extract().asString();
        assertThat(stream).contains("event:meta").contains("conversationId");
        assertThat(stream.split("event:done", -1)).hasSize(2);
        assertThat(stream).doesNotContain("event:error");
        assertThat(stream).contains("\"confidence\":\"high\"");
        given().auth().oauth2(USER).contentType(ContentType.JSON).accept("text/event-stream").body(Map.of("message", "x"))
                .post("/v1/chat/stream").then().statusCode(400).body("title", notNullValue()).body("errors", notNullValue());
    }
}
