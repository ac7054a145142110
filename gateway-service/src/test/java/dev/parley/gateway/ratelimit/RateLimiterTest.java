package dev.parley.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testing.TestJwtKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions against the real Redis. Groups with long periods (see {@link RateLimitTestProfile}) make counts exact;
 * waiting is simulated by moving a bucket's stored arrival time back ({@link TestCallers#pretendElapsed}), except in
 * the one test that really waits.
 */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
@QuarkusTestResource(TestJwtKeys.class)
class RateLimiterTest {

    private static final Pattern RATE_LIMIT = Pattern.compile("\"([a-z0-9-]+)\";r=(\\d+);t=(\\d+)");

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    private TestCallers callers;
    private long started;

    @BeforeEach
    void setUp() {
        callers = new TestCallers(redis);
        started = System.nanoTime();
    }

    @AfterEach
    void cleanUp() {
        callers.deleteAll();
    }

    @Test
    void chatDefaultsAreSixtyAMinuteWithABurstOfTenAndAThousandAnHour() {
        String caller = callers.fresh();

        Decision first = check("chat", null, caller);

        assertThat(first.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(first.policyHeader()).isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
        // minute: 9 of the burst left, full again in 1 s; hour: 999 left: the minute is the tighter one.
        assertThat(first.rateLimitHeader()).isEqualTo("\"minute\";r=9;t=1");
        // Each key lives only until its bucket is full again (-1 would mean forever; -2, already gone, is fine).
        assertThat(callers.ttlSeconds(caller, "chat", "minute")).isNotEqualTo(-1).isLessThanOrEqualTo(1);
        assertThat(callers.ttlSeconds(caller, "chat", "hour")).isNotEqualTo(-1).isLessThanOrEqualTo(4);
    }

    @Test
    void aBurstIsAllowedThenOneRequestPerInterval() {
        String caller = callers.fresh(); // test-burst: 60 per hour (one per minute), burst 5

        for (int remaining = 4; remaining >= 0; remaining--) {
            Decision allowed = check("test-burst", null, caller);
            assertThat(allowed.outcome()).isEqualTo(Outcome.ALLOWED);
            assertRateLimit(allowed, "steady", remaining, 60L * (5 - remaining));
        }
        Decision denied = check("test-burst", null, caller);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.limitHit()).isEqualTo("steady");
        assertSecondsNear(denied.retryAfterSeconds(), 60);
        assertRateLimit(denied, "steady", 0, 300);
        assertThat(check("test-burst", null, caller).outcome())
                .as("denials record nothing, and nothing refills within the test").isEqualTo(Outcome.DENIED);

        callers.pretendElapsed(caller, "test-burst", "steady", Duration.ofMinutes(1));
        assertThat(check("test-burst", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(check("test-burst", null, caller).outcome()).isEqualTo(Outcome.DENIED);

        callers.pretendElapsed(caller, "test-burst", "steady", Duration.ofMinutes(2));
        assertThat(check("test-burst", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(check("test-burst", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(check("test-burst", null, caller).outcome()).isEqualTo(Outcome.DENIED);
    }

    @Test
    void everyWindowIsCheckedInTheSameCallAndTheOneHitIsNamed() {
        String caller = callers.fresh(); // test-windows: short 3 per hour (burst 3), long 5 per day (burst 5)

        for (int i = 0; i < 3; i++) {
            assertThat(check("test-windows", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
        }
        Decision shortHit = check("test-windows", null, caller);
        assertThat(shortHit.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(shortHit.limitHit()).isEqualTo("short");
        assertSecondsNear(shortHit.retryAfterSeconds(), 1200);
        assertThat(shortHit.policyHeader()).isEqualTo("\"short\";q=3;w=3600, \"long\";q=5;w=86400");
        assertRateLimit(shortHit, "short", 0, 3600);

        // The short window refills; the long one still has 2 of 5, the denial above took nothing from it.
        callers.pretendElapsed(caller, "test-windows", "short", Duration.ofHours(1));
        Decision fourth = check("test-windows", null, caller);
        assertThat(fourth.outcome()).isEqualTo(Outcome.ALLOWED);
        assertRateLimit(fourth, "long", 1, 4 * 17_280);
        assertThat(check("test-windows", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);

        Decision longHit = check("test-windows", null, caller);
        assertThat(longHit.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(longHit.limitHit()).isEqualTo("long");
        assertSecondsNear(longHit.retryAfterSeconds(), 17_280);
        assertRateLimit(longHit, "long", 0, 86_400);

        // The long window refills; the short one has exactly 1 left: the long denial took nothing from it either.
        callers.pretendElapsed(caller, "test-windows", "long", Duration.ofDays(1));
        assertThat(check("test-windows", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
        Decision shortAgain = check("test-windows", null, caller);
        assertThat(shortAgain.limitHit()).isEqualTo("short");
    }

    @Test
    void waitingRetryAfterIsEnough() throws InterruptedException {
        String caller = callers.fresh();
        Decision denied = null;
        // chat refills one per second, so a slow machine may need a few more than the burst of 10 to be denied.
        for (int attempt = 0; attempt < 100 && denied == null; attempt++) {
            Decision decision = check("chat", null, caller);
            if (decision.outcome() == Outcome.DENIED) {
                denied = decision;
            }
        }
        assertThat(denied).as("a caller sending faster than one per second is denied").isNotNull();
        assertThat(denied.limitHit()).isEqualTo("minute");
        assertThat(denied.retryAfterSeconds()).isEqualTo(1);

        Thread.sleep(Duration.ofSeconds(denied.retryAfterSeconds()));

        assertThat(check("chat", null, caller).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    void aTenantOverrideReplacesTheGroupsLimitsForThatTenant() {
        String gold = callers.fresh();
        String other = callers.fresh();

        Decision goldDecision = check("chat", RateLimitTestProfile.GOLD_TENANT, gold);
        Decision otherDecision = check("chat", "another-tenant", other);

        assertThat(goldDecision.policyHeader()).isEqualTo("\"minute\";q=600;w=60");
        assertThat(goldDecision.rateLimitHeader()).isEqualTo("\"minute\";r=99;t=1");
        assertThat(callers.ttlSeconds(gold, "chat", "hour")).as("the override has no hourly limit").isEqualTo(-2);
        assertThat(otherDecision.policyHeader()).isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
        assertThat(otherDecision.rateLimitHeader()).isEqualTo("\"minute\";r=9;t=1");
    }

    @Test
    void decisionsAreCountedByGroupLimitAndOutcome() {
        String caller = callers.fresh();
        double allowedBefore = counter("test-burst", "none", "allowed");
        double deniedBefore = counter("test-burst", "steady", "denied");

        for (int i = 0; i < 7; i++) {
            check("test-burst", null, caller);
        }

        assertThat(counter("test-burst", "none", "allowed") - allowedBefore).isEqualTo(5);
        assertThat(counter("test-burst", "steady", "denied") - deniedBefore).isEqualTo(2);
        assertThat(counter("test-burst", "none", "fail_closed")).as("registered before it happens").isZero();
    }

    @Test
    void groupsAreKnownByName() {
        assertThat(limiter.hasGroup("chat")).isTrue();
        assertThat(limiter.hasGroup("write")).isTrue();
        assertThat(limiter.hasGroup("read")).isTrue();
        assertThat(limiter.hasGroup("nope")).isFalse();
        assertThatThrownBy(() -> check("nope", null, callers.fresh())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> check("chat", null, "a}b")).isInstanceOf(IllegalArgumentException.class);
    }

    private Decision check(String group, String tenantHash, String key) {
        return limiter.check(group, tenantHash, key).await().atMost(Duration.ofSeconds(30));
    }

    private double counter(String group, String limit, String outcome) {
        Counter counter = registry.find("gateway.ratelimit.decisions")
                .tags("group", group, "limit", limit, "outcome", outcome).counter();
        assertThat(counter).as("counter %s/%s/%s", group, limit, outcome).isNotNull();
        return counter.count();
    }

    private void assertRateLimit(Decision decision, String limit, long remaining, long resetSeconds) {
        Matcher header = RATE_LIMIT.matcher(decision.rateLimitHeader());
        assertThat(header.matches()).as(decision.rateLimitHeader()).isTrue();
        assertThat(header.group(1)).isEqualTo(limit);
        assertThat(Long.parseLong(header.group(2))).isEqualTo(remaining);
        assertSecondsNear(Long.parseLong(header.group(3)), resetSeconds);
    }

    /**
     * Redis's clock moves on while a test runs: a value counted down from {@code expected} may be lower by the
     * seconds this test has taken so far, never higher.
     */
    private void assertSecondsNear(long actual, long expected) {
        long slack = (System.nanoTime() - started + 999_999_999L) / 1_000_000_000L;
        assertThat(actual).isBetween(expected - slack, expected);
    }
}
