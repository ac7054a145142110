package dev.parley.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS for exact origins only, and HSTS only where the request came over TLS. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class CorsAndHeadersTest {

    @Test
    void preflightFromTheAppsOriginIsAnsweredAndOthersAreNot() {
        given().header("Origin", "https://app.example.test").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type,Authorization,X-Conversation-Token")
                .options("/api/v1/conversations").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example.test")
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("X-Conversation-Token"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/conversations").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(TestTokens.valid()).header("Origin", "https://app.example.test").get("/v1/whoami").then()
                .statusCode(200).header("Access-Control-Allow-Origin", "https://app.example.test")
                .header("Access-Control-Expose-Headers", containsString("RateLimit"));
    }

    @Test
    void hstsOnlyBehindATrustedTlsProxy() {
        given().header("X-Forwarded-Proto", "https").get("/q/health/live").then()
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void productionAcceptsExactOriginsOnly() {
        assertThat(CorsGuard.refused(List.of("https://app.example.com", "http://localhost:5173"))).isEmpty();
        assertThat(CorsGuard.refused(List.of("*", "https://*.example.com", "/https://.*/", "app.example.com")))
                .hasSize(4);
    }

    @Test
    void unknownApiRoutesAreProblems() {
        given().auth().oauth2(TestTokens.valid()).get("/api/v2/anything").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }
}
