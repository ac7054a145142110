package dev.parley.agent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/prompts} with the shipped prompts and the A/B weights of application.properties. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PromptResourceTest {

    @Test
    void listsEveryPromptWithVersionsWeightsAndActiveVersions() {
        given().auth().oauth2(TestTokens.valid())
                .get("/v1/prompts")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("id", equalTo(List.of("case-summary", "chat-system", "page-preamble", "report", "tool-format")))
                .body("find { it.id == 'chat-system' }.versions.version", equalTo(List.of("v1", "v2")))
                .body("find { it.id == 'chat-system' }.versions[1].changelog.version", equalTo(List.of("v1", "v2")))
                .body("find { it.id == 'chat-system' }.versions[1].changelog[1].date", equalTo("2026-12-02"))
                .body("find { it.id == 'chat-system' }.versions[0].placeholders", equalTo(List.of("today")))
                .body("find { it.id == 'chat-system' }.weights.v1", equalTo(50))
                .body("find { it.id == 'chat-system' }.weights.v2", equalTo(50))
                .body("find { it.id == 'chat-system' }.active", equalTo(List.of("v1", "v2")))
                .body("find { it.id == 'page-preamble' }.weights.v1", equalTo(100))
                .body("find { it.id == 'tool-format' }.active", hasItems("v1"))
                .body("[0].versions[0]", not(hasKey("template")))
                .body(not(containsString("You are Parley")));
    }

    @Test
    void needsAToken() {
        given().header("X-Request-ID", "prompts-401")
                .get("/v1/prompts")
                .then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://parley.dev/problems/unauthorized"))
                .body("status", equalTo(401))
                .body("requestId", equalTo("prompts-401"));
    }

    @Test
    void isDescribedInTheOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/v1/prompts"));
    }
}
