package dev.parley.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat through the gateway against the running platform and its demo workspace, with no language model configured
 * (as {@code ./parley up} runs it): questions about the data are answered from pipeline-service with high confidence
 * and the real numbers, a case is described and linked, the conversation continues with its token, the stream ends
 * with one {@code done}, and anything else gets an honest low-confidence answer.
 */
class ChatFastPathE2ETest {

    private static String analyst;
    private static Map<String, Object> stats;
    private static String topCase;

    @BeforeAll
    static void demo() throws Exception {
        analyst = ParleyCli.token("demo", "user,analyst", "demo");
        stats = given().port(8080).auth().oauth2(analyst).get("/api/v1/workspaces/demo/stats").then().statusCode(200)
                .extract().path("cases");
        topCase = given().port(8080).auth().oauth2(analyst).queryParam("limit", 1).get("/api/v1/workspaces/demo/cases")
                .then().statusCode(200).extract().path("items[0].caseId");
    }

    @Test
    void workspaceFiguresComeFromTheDataWithHighConfidence() {
        var reply = chat(message("How many cases are there in this workspace?"));

        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("confidence")).isEqualTo("high");
        assertThat(reply.<Object>path("model")).isNull();
        assertThat(reply.<List<String>>path("toolCalls.name")).contains("query_pipeline_stats");
        assertThat(reply.<String>path("reply")).contains(String.valueOf(stats.get("total")));
    }

    @Test
    void aCaseIsDescribedLinkedAndTheConversationContinues() {
        var first = chat(message("Tell me about " + topCase));
        assertThat(first.statusCode()).as(first.body().asString()).isEqualTo(200);
        assertThat(first.<String>path("reply")).contains("](/cases/" + topCase + ")");
        assertThat(first.<List<String>>path("sources.id")).contains(topCase);
        assertThat(first.<String>path("confidence")).isEqualTo("high");

        Map<String, Object> next = message("What are the top risk cases?");
        next.put("conversationToken", first.path("conversationToken"));
        var second = chat(next);
        assertThat(second.statusCode()).as(second.body().asString()).isEqualTo(200);
        assertThat(second.<String>path("conversationId")).isEqualTo(first.path("conversationId"));
        assertThat(second.<String>path("reply")).contains(topCase);
    }

    @Test
    void theStreamThroughTheGatewayEndsWithOneDone() {
        String events = given().port(8080).auth().oauth2(analyst).contentType(ContentType.JSON)
                .accept("text/event-stream").body(message("Which rules fired the most?"))
                .post("/api/v1/chat/stream").then().statusCode(200).extract().asString();
        assertThat(events).contains("event:meta").doesNotContain("event:error");
        assertThat(events.split("event:done", -1)).hasSize(2);
        assertThat(events).contains("RULE-");
    }

    @Test
    void withoutAModelAnOpenQuestionGetsAnHonestLowConfidenceAnswer() {
        var reply = chat(message("Why do you think billing changes around the holidays?"));
        assertThat(reply.statusCode()).as(reply.body().asString()).isEqualTo(200);
        assertThat(reply.<String>path("confidence")).isEqualTo("low");
        assertThat(reply.<String>path("reply")).contains("not configured");
    }

    private static ExtractableResponse<Response> chat(Map<String, Object> body) {
        return given().port(8080).auth().oauth2(analyst).contentType(ContentType.JSON).body(body).post("/api/v1/chat")
                .then().extract();
    }

    private static Map<String, Object> message(String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", text);
        body.put("workspaceId", "demo");
        return body;
    }
}
