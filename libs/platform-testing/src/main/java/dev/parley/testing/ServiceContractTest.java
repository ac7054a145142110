package dev.parley.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.parley.contracts.ids.TenantHasher;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP contract every Parley service keeps, run against each service in its own test module: extend it with a
 * {@code @QuarkusTest @QuarkusTestResource(TestJwtKeys.class)} class naming the service's readiness checks.
 */
public abstract class ServiceContractTest {

    private static final String DEV_TENANT_KEY = "dev-only-tenant-hash-key-never-in-production";

    /** Names of the readiness checks this service must report UP (its own PostgreSQL, Redis, Kafka). */
    protected abstract List<String> readinessChecks();

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @BeforeAll
    static void auditTopicExists() {
        TestTopics.ensureAuditTopic();
    }

    @Test
    void readinessChecksEveryDependencyAndIsUp() {
        ValidatableResponse ready = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        ready.body("checks.find { it.name == 'audit-path' }.status", equalTo("UP"));
        for (String check : readinessChecks()) {
            ready.body("checks.find { it.name == '%s' }.status".formatted(check), equalTo("UP"));
        }
    }

    @Test
    void metricsArePrometheusText() {
        given().header("X-Request-ID", "metrics-warmup").get("/q/health/live");
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain")).extract().asString();
        assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge").contains("http_server_requests_seconds_count");
    }

    @Test
    void openApiDescribesWhoami() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/whoami"));
    }

    @Test
    void whoamiNeedsAToken() {
        expectUnauthorized(given().get("/v1/whoami").then());
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("signed by another key", TestTokens.signedByAnotherKey()),
                Arguments.of("alg none", TestTokens.unsigned()),
                Arguments.of("HS256 keyed with the public key", TestTokens.hmacWithPublicKey()),
                Arguments.of("expired", TestTokens.expired()),
                Arguments.of("wrong issuer", TestTokens.wrongIssuer()),
                Arguments.of("no tid claim", TestTokens.withoutTenant()),
                Arguments.of("not a JWT", "not-a-jwt"));
    }

    @ParameterizedTest(name = "whoami refuses a token: {0}")
    @MethodSource("badTokens")
    void whoamiRefusesBadTokens(String kind, String token) {
        expectUnauthorized(given().auth().oauth2(token).get("/v1/whoami").then());
    }

    @Test
    void whoamiReturnsTheVerifiedCaller() {
        String tenantHash = TenantHasher.ofSecret(DEV_TENANT_KEY).hash("tenant-7");
        given().auth().oauth2(TestTokens.valid("tenant-7", "bob", Set.of("user", "analyst"), List.of("ws-a", "ws-b")))
                .get("/v1/whoami")
                .then().statusCode(200)
                .body("tenantHash", equalTo(tenantHash))
                .body("subject", equalTo("bob"))
                .body("roles", hasItems("user", "analyst"))
                .body("workspaces", equalTo(List.of("ws-a", "ws-b")))
                .body("$", not(org.hamcrest.Matchers.hasKey("tid")));
    }

    @Test
    void aRepeatedTokenIsServedFromTheVerifiedTokenCacheAndBadOnesAreRefusedEveryTime() {
        String token = TestTokens.valid("tenant-cache", "carol", Set.of("user"), List.of("ws-c"));
        double before = verifications("cached");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/v1/whoami").then().statusCode(200).body("subject", equalTo("carol"));
        }
        assertThat(verifications("cached") - before).isGreaterThanOrEqualTo(2);
        for (String bad : List.of(TestTokens.withoutTenant(), TestTokens.signedByAnotherKey())) {
            for (int i = 0; i < 2; i++) {
                expectUnauthorized(given().auth().oauth2(bad).get("/v1/whoami").then());
            }
        }
        // one character changed inside the signature (the last one may carry only padding bits): verified in full, refused
        int at = token.length() - 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        expectUnauthorized(given().auth().oauth2(altered).get("/v1/whoami").then());
    }

    private static double verifications(String result) {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("jwt_verifications_total{") && line.contains("result=\"" + result + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void requestIdIsKeptWhenAcceptableAndReplacedOtherwise() {
        given().header("X-Request-ID", "abc.DEF_123-x").get("/q/health/live")
                .then().header("X-Request-ID", "abc.DEF_123-x");
        String replaced = given().header("X-Request-ID", "bad id; drop table").get("/q/health/live")
                .then().extract().header("X-Request-ID");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        given().get("/v1/whoami").then().header("X-Request-ID", notNullValue());
    }

    @Test
    void unknownPathIsAProblem() {
        expectProblem(given().header("X-Request-ID", "nf-1").get("/v1/no-such-thing").then(), 404, "not-found")
                .body("requestId", equalTo("nf-1"))
                .body("instance", equalTo("/v1/no-such-thing"));
        expectProblem(given().get("/nowhere").then(), 404, "not-found");
    }

    @Test
    void wrongMethodIsAProblem() {
        expectProblem(given().auth().oauth2(TestTokens.valid()).delete("/v1/whoami").then(), 405, "method-not-allowed");
    }

    @Test
    void wrongContentTypeIsAProblem() {
        expectProblem(given().auth().oauth2(TestTokens.valid()).contentType(ContentType.TEXT).body("hello")
                .post("/v1/test-probe").then(), 415, "unsupported-media-type");
    }

    @Test
    void malformedJsonIsAProblemWithoutEchoingTheBody() {
        expectProblem(given().auth().oauth2(TestTokens.valid()).contentType(ContentType.JSON)
                .body("{\"name\": \"secret-value\", ").post("/v1/test-probe").then(), 400, "malformed-json")
                .body("detail", not(containsString("secret-value")));
        expectProblem(given().auth().oauth2(TestTokens.valid()).contentType(ContentType.JSON)
                .body("{\"name\": \"n\", \"count\": \"many\"}").post("/v1/test-probe").then(), 400, "malformed-json");
    }

    @Test
    void validationFailuresListEveryField() {
        expectProblem(given().auth().oauth2(TestTokens.valid()).contentType(ContentType.JSON)
                .queryParam("limit", 0)
                .body("{\"name\": \"\", \"count\": 11, \"items\": [{\"label\": \"ok\"}, {\"label\": \" \"}]}")
                .post("/v1/test-probe").then(), 400, "validation")
                .body("errors.field", hasItems("body.name", "body.count", "body.items[1].label", "limit"))
                .body("errors.size()", equalTo(4));
    }

    @Test
    void validRequestsStillPass() {
        given().auth().oauth2(TestTokens.valid()).contentType(ContentType.JSON)
                .body("{\"name\": \"n\", \"count\": 3, \"items\": [{\"label\": \"a\"}]}")
                .post("/v1/test-probe").then().statusCode(200).body("count", equalTo(3));
    }

    @Test
    void oversizedBodiesAreRefused() {
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\", \"count\": 1}";
        expectProblem(given().auth().oauth2(TestTokens.valid()).contentType(ContentType.JSON).body(big)
                .post("/v1/test-probe").then(), 413, "payload-too-large");
    }

    private static void expectUnauthorized(ValidatableResponse response) {
        expectProblem(response, 401, "unauthorized").header("WWW-Authenticate", containsString("Bearer"));
    }

    /** Asserts the RFC 9457 shape and that nothing internal leaks. */
    protected static ValidatableResponse expectProblem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://parley.dev/problems/" + slug))
                .body("title", notNullValue())
                .body("status", equalTo(status))
                .body("detail", notNullValue())
                .body("requestId", notNullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("at dev.parley")));
    }
}
