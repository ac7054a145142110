package dev.parley.agent.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;

/** What the chat tests send: a turn's body in workspace {@code ws-1} (the doubles' workspace), and one turn. */
final class ChatCalls {

    private ChatCalls() {}

    /** A mutable body, so a test can add a token, a mode or a confirmation. */
    static Map<String, Object> message(String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", text);
        body.put("workspaceId", "ws-1");
        return body;
    }

    static ExtractableResponse<Response> chat(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/chat").then().extract();
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}; 0 when there is none yet. */
    static double metric(String prefix) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
