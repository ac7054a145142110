package dev.parley.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The proxy against a real upstream server: routing, headers, streaming both ways, SSE, limits and failures. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = TestUpstream.class, restrictToAnnotatedClass = true)
class GatewayProxyTest {

    @TestHTTPResource("/")
    URL base;

    private static io.restassured.specification.RequestSpecification caller() {
        return given().auth().oauth2(TestTokens.valid());
    }

    @Test
    void forwardsToTheRoutesUpstreamWithoutTheApiPrefixAndTheTokenUnchanged() {
        caller().header("X-Custom", "kept").header("X-Request-ID", "req-123").header("Traceparent",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .queryParam("q", "a b").get("/api/v1/echo/things/42").then().statusCode(200)
                .header("X-Upstream", "echo")
                .header("X-Request-ID", "req-123")
                .header("Keep-Alive", nullValue())
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/v1/echo/things/42?q=a%20b"))
                .body("'x-custom'", equalTo("kept"))
                .body("'x-request-id'", equalTo("req-123"))
                .body("'x-forwarded-for'", equalTo("127.0.0.1"))
                .body("'x-forwarded-proto'", equalTo("http"))
                .body("traceparent", equalTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    @Test
    void theJwtReachesTheUpstreamByteForByte() {
        String token = TestTokens.valid();
        String seen = given().auth().oauth2(token).get("/api/v1/echo").then().statusCode(200).extract().path("authorization");
        assertThat(seen).isEqualTo("Bearer " + token);
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() {
        caller().header("Connection", "X-Hop").header("X-Hop", "only-to-the-gateway").header("Proxy-Authorization", "Basic eA==")
                .get("/api/v1/echo").then().statusCode(200)
                .body("'x-hop'", nullValue()).body("'proxy-authorization'", nullValue()).body("'keep-alive'", nullValue());
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersEvenWhenTheUpstreamSetsOthers() {
        for (var response : List.of(caller().get("/api/v1/echo"), given().get("/api/v1/echo"), given().get("/q/health/live"))) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("X-XSS-Protection", "0")
                    .header("Strict-Transport-Security", nullValue());
        }
    }

    @Test
    void bodiesStreamUpAndTheRouteLimitHolds() {
        byte[] big = new byte[5 * 1024 * 1024];
        caller().contentType("application/octet-stream").body(big).post("/api/v1/echo/upload").then().statusCode(200)
                .body("bodyLength", equalTo(big.length));
        caller().contentType("application/octet-stream").body(new byte[2048]).post("/api/v1/small").then()
                .statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        caller().contentType("application/octet-stream").body(new byte[512]).post("/api/v1/small").then()
                .statusCode(200).body("bodyLength", equalTo(512));
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOff() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/small"))
                .header("Authorization", "Bearer " + TestTokens.valid())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[64 * 1024])))
                .build();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("\"status\":413");
        }
        // the gateway dropped those upstream calls itself: the shared upstream's circuit (3 failures) stays closed
        caller().get("/api/v1/echo").then().statusCode(200);
    }

    @Test
    void serverSentEventsPassThroughAsTheyComeAndAClientDisconnectCancelsTheUpstream() throws Exception {
        TestUpstream.STREAM_CANCELLED.set(false);
        TestUpstream.STREAM_EVENTS_SENT.set(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/sse"))
                .header("Authorization", "Bearer " + TestTokens.valid()).GET().build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Accel-Buffering")).contains("no");
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 3 && (line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line);
                }
            }
            // three events arrived while the upstream was still streaming: nothing waited for the whole answer
            assertThat(TestUpstream.STREAM_EVENTS_SENT.get()).isLessThan(50);
        }
        assertThat(events).containsExactly("data: event 1", "data: event 2", "data: event 3");
        long deadline = System.currentTimeMillis() + 10_000;
        while (!TestUpstream.STREAM_CANCELLED.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(TestUpstream.STREAM_CANCELLED).as("the upstream saw the client go away").isTrue();
        assertThat(TestUpstream.STREAM_EVENTS_SENT.get()).isLessThan(50);
    }

    @Test
    void upstreamFailuresBecomeProblems() {
        caller().get("/api/v1/down").then().statusCode(503).contentType("application/problem+json")
                .body("type", containsString("unavailable"));
        caller().get("/api/v1/slow").then().statusCode(504).contentType("application/problem+json")
                .body("type", containsString("gateway-timeout"));
        caller().get("/api/v1/broken").then().statusCode(502).contentType("application/problem+json")
                .body("type", containsString("bad-gateway"));
        caller().get("/api/v1/nowhere").then().statusCode(404).contentType("application/problem+json");
        caller().get("/api/v1/echoes").then().statusCode(404);
    }

    @Test
    void aFailingUpstreamOpensItsCircuitAndOneTrialClosesOrReopensIt() throws Exception {
        TestUpstream.FLAKY_CALLS.set(0);
        for (int i = 0; i < 3; i++) {
            caller().get("/api/v1/flaky").then().statusCode(503);
        }
        assertThat(TestUpstream.FLAKY_CALLS.get()).isEqualTo(3);
        caller().get("/api/v1/flaky").then().statusCode(503).header("Retry-After", "5")
                .body("detail", containsString("unavailable"));
        assertThat(TestUpstream.FLAKY_CALLS.get()).as("open: refused without calling the upstream").isEqualTo(3);
        given().get("/q/metrics").then().body(containsString("gateway_upstream_circuit_state"));
        Thread.sleep(1_700);
        caller().get("/api/v1/flaky").then().statusCode(503);
        assertThat(TestUpstream.FLAKY_CALLS.get()).as("half-open: one trial").isEqualTo(4);
        caller().get("/api/v1/flaky").then().statusCode(503);
        assertThat(TestUpstream.FLAKY_CALLS.get()).as("the trial failed: open again").isEqualTo(4);
    }

    @Test
    void aCallerOverTheLimitGets429NamingItWithRetryAfterAndTheUpstreamIsNotCalled() {
        String token = TestTokens.valid("tenant-acme", "rl-" + java.util.UUID.randomUUID() + "@example.test",
                Set.of("user"), List.of("ws-1"));
        for (int i = 3; i > 0; i--) {
            given().auth().oauth2(token).get("/api/v1/tiny").then().statusCode(200)
                    .header("RateLimit-Policy", "\"hour\";q=3;w=3600")
                    .header("RateLimit", containsString("\"hour\";r=" + (i - 1)));
        }
        given().auth().oauth2(token).get("/api/v1/tiny").then().statusCode(429)
                .contentType("application/problem+json").body("type", containsString("rate-limited"))
                .body("detail", containsString("'hour'"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .header("X-Upstream", nullValue());
        given().auth().oauth2(TestTokens.valid("tenant-acme", "rl-" + java.util.UUID.randomUUID() + "@example.test",
                Set.of("user"), List.of("ws-1"))).get("/api/v1/tiny").then().statusCode(200);
        caller().get("/q/health/live").then().statusCode(200).header("RateLimit", nullValue());
        given().get("/q/metrics").then()
                .body(containsString("gateway_requests_total{group=\"tiny\",route=\"tiny\",status=\"429\"}"))
                .body(containsString("gateway_ratelimit_decisions_total"));
    }

    @Test
    void everyBadTokenIs401AndRolesGateRoutes() {
        for (String token : List.of(TestTokens.expired(), TestTokens.wrongIssuer(), TestTokens.wrongAudience(),
                TestTokens.signedByAnotherKey(), TestTokens.unsigned(), TestTokens.hmacWithPublicKey(), "not.a.jwt")) {
            given().auth().oauth2(token).get("/api/v1/echo").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        }
        given().get("/api/v1/echo").then().statusCode(401);
        caller().get("/api/v1/secret").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.valid("tenant-acme", "root@example.test", Set.of("admin"), List.of("ws-1")))
                .get("/api/v1/secret/x").then().statusCode(200).body("uri", equalTo("/v1/echo/x"));
        given().get("/q/metrics").then().body(containsString("gateway_auth_failures_total{reason=\"expired\"}"))
                .body(containsString("reason=\"wrong_issuer\"")).body(containsString("reason=\"wrong_audience\""))
                .body(containsString("reason=\"bad_signature\"")).body(containsString("reason=\"missing\""));
    }
}
