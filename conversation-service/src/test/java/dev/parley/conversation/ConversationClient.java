package dev.parley.conversation;

import static io.restassured.RestAssured.given;

import dev.parley.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One user of one tenant calling the conversation API, as the tests' shorthand. */
record ConversationClient(String tenant, String subject, String jwt) {

    static final String WORKSPACE = "ws-1";

    static ConversationClient of(String tenant, String subject, String... roles) {
        return new ConversationClient(tenant, subject,
                TestTokens.valid(tenant, subject, Set.of(roles.length == 0 ? new String[] {"user"} : roles), List.of(WORKSPACE)));
    }

    /** A fresh tenant with one user, so tests never see each other's data. */
    static ConversationClient fresh() {
        return of("t-" + UUID.randomUUID(), "user-" + UUID.randomUUID() + "@example.test");
    }

    io.restassured.specification.RequestSpecification request() {
        return given().auth().oauth2(jwt).contentType(ContentType.JSON);
    }

    ValidatableResponse open(Map<String, Object> body) {
        return request().body(body).post("/v1/conversations").then();
    }

    /** A new global conversation: its id and token. */
    Opened openGlobal() {
        var response = open(Map.of("workspaceId", WORKSPACE, "mode", "global")).statusCode(201).extract();
        return new Opened(UUID.fromString(response.path("conversationId")), response.path("conversationToken"));
    }

    ValidatableResponse turn(UUID id, String token, List<Map<String, Object>> messages) {
        return request().body(Map.of("conversationToken", token, "messages", messages))
                .post("/v1/conversations/" + id + "/turns").then();
    }

    /** Appends a user message and an assistant reply; returns the fresh token. */
    String exchange(Opened conversation, String token, String question, String answer) {
        return turn(conversation.id(), token, List.of(Map.of("role", "user", "content", question),
                Map.of("role", "assistant", "content", answer, "confidence", "high", "model", "test-model",
                        "sources", List.of(Map.of("type", "claim", "id", "CLM-1")))))
                .statusCode(200).extract().path("conversationToken");
    }

    ValidatableResponse restore(String token) {
        return request().body(Map.of("conversationToken", token)).post("/v1/conversations/restore").then();
    }

    record Opened(UUID id, String token) {}
}
