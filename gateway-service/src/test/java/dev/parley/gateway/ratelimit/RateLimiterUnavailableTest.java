package dev.parley.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.TestJwtKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis unavailable: limiters and readiness checks wired to a port nothing listens on, or to a server that accepts
 * connections and never answers.
 */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
@QuarkusTestResource(TestJwtKeys.class)
class RateLimiterUnavailableTest {

    @Inject
    RateLimitPolicies policies;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    private TestRedisClients clients;
    private TestCallers callers;

    @BeforeEach
    void setUp() {
        clients = new TestRedisClients(vertx);
        callers = new TestCallers(redis);
    }

    @AfterEach
    void tearDown() {
        clients.close();
        callers.deleteAll();
    }

    @Test
    void chatAndWritesFailClosedAndReadsFailOpenAndEachIsCounted() throws IOException {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(clients.connect("redis://127.0.0.1:" + closedPort(), 2), policies,
                Duration.ofSeconds(10), Duration.ofSeconds(5), metrics, RateLimitScript.load());

        Decision chat = check(limiter, "chat");
        Decision write = check(limiter, "write");
        Decision read = check(limiter, "read");

        assertThat(chat.outcome()).isEqualTo(Outcome.FAIL_CLOSED);
        assertThat(chat.allowed()).isFalse();
        assertThat(chat.retryAfterSeconds()).isEqualTo(5);
        assertThat(chat.limitHit()).isNull();
        assertThat(chat.rateLimitHeader()).isNull();
        assertThat(chat.policyHeader()).isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
        assertThat(write.outcome()).isEqualTo(Outcome.FAIL_CLOSED);
        assertThat(read.outcome()).isEqualTo(Outcome.FAIL_OPEN);
        assertThat(read.allowed()).isTrue();
        assertThat(read.retryAfterSeconds()).isZero();
        assertThat(count(metrics, "chat", "fail_closed")).isEqualTo(1);
        assertThat(count(metrics, "write", "fail_closed")).isEqualTo(1);
        assertThat(count(metrics, "read", "fail_open")).isEqualTo(1);
        assertThat(count(metrics, "read", "allowed")).isZero();
    }

    @Test
    void aRedisThatNeverAnswersTimesOutIntoTheFailModeOnTheCallersEventLoop() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Never accepted: the kernel completes the handshake, then nothing ever answers.
            RateLimiter limiter = new RateLimiter(clients.connect("redis://127.0.0.1:" + silent.getLocalPort(), 1),
                    policies, Duration.ofMillis(300), Duration.ofSeconds(5), new SimpleMeterRegistry(),
                    RateLimitScript.load());
            Context callerContext = vertx.getDelegate().getOrCreateContext();
            CompletableFuture<Decision> answer = new CompletableFuture<>();
            AtomicReference<Context> answeredOn = new AtomicReference<>();

            callerContext.runOnContext(ignored -> limiter.check("read", null, callers.fresh()).subscribe().with(
                    decision -> {
                        answeredOn.set(io.vertx.core.Vertx.currentContext());
                        answer.complete(decision);
                    },
                    answer::completeExceptionally));

            assertThat(answer.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.FAIL_OPEN);
            assertThat(answeredOn.get()).isSameAs(callerContext);
        }
    }

    @Test
    void readinessIsDownWhenRedisIsUnreachableAndSomeGroupFailsClosed() throws IOException {
        RateLimitReadiness readiness = new RateLimitReadiness(
                clients.connect("redis://127.0.0.1:" + closedPort(), 1), policies, Duration.ofSeconds(2));

        HealthCheckResponse response = readiness.call().await().atMost(Duration.ofSeconds(30));

        assertThat(response.getName()).isEqualTo("rate-limit");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        Map<String, Object> data = response.getData().orElseThrow();
        assertThat(data).containsEntry("redis", "unreachable")
                .containsEntry("fail-closed", "chat,test-burst,test-exact,test-windows,write")
                .containsEntry("fail-open", "read");
    }

    @Test
    void readinessStaysUpWhenRedisIsUnreachableButEveryGroupFailsOpen() throws IOException {
        RateLimitPolicies readsOnly = TestRateLimitConfigs.policies(Map.of(
                "parley.gateway.rate-limit.groups.read.fail-mode", "open",
                "parley.gateway.rate-limit.groups.read.limits.minute.count", "1200",
                "parley.gateway.rate-limit.groups.read.limits.minute.period", "1m"));
        RateLimitReadiness readiness = new RateLimitReadiness(
                clients.connect("redis://127.0.0.1:" + closedPort(), 1), readsOnly, Duration.ofSeconds(2));

        HealthCheckResponse response = readiness.call().await().atMost(Duration.ofSeconds(30));

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("redis", "unreachable").containsEntry("fail-open", "read");
    }

    @Test
    void theServicesReadinessListsEachGroupsFailMode() {
        given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'rate-limit' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rate-limit' }.data.redis", equalTo("reachable"))
                .body("checks.find { it.name == 'rate-limit' }.data.'fail-closed'",
                        equalTo("chat,test-burst,test-exact,test-windows,write"))
                .body("checks.find { it.name == 'rate-limit' }.data.'fail-open'", equalTo("read"));
    }

    private Decision check(RateLimiter limiter, String group) {
        return limiter.check(group, null, callers.fresh()).await().atMost(Duration.ofSeconds(30));
    }

    private static double count(SimpleMeterRegistry metrics, String group, String outcome) {
        return metrics.get("gateway.ratelimit.decisions").tags("group", group, "limit", "none", "outcome", outcome)
                .counter().count();
    }

    /** A local port nothing listens on: connections are refused at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
