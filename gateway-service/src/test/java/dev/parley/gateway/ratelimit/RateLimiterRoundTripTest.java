package dev.parley.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.TestJwtKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One Redis round trip per decision: a limiter whose only connection goes through {@link RedisCommandRelay}, which
 * records every command the client sends, so the count is exact however busy the shared Redis is.
 */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
@QuarkusTestResource(TestJwtKeys.class)
class RateLimiterRoundTripTest {

    private static final int DECISIONS = 25;
    private static final Pattern EVALSHA_CALLS = Pattern.compile("cmdstat_evalsha:calls=(\\d+)");

    @Inject
    RateLimitPolicies policies;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    private TestCallers callers;
    private RedisCommandRelay relay;
    private TestRedisClients clients;

    @BeforeEach
    void setUp() throws Exception {
        callers = new TestCallers(redis);
        URI redisAddress = URI.create(redisUrl);
        relay = new RedisCommandRelay(redisAddress.getHost(), redisAddress.getPort() < 0 ? 6379 : redisAddress.getPort());
        clients = new TestRedisClients(vertx);
    }

    @AfterEach
    void tearDown() throws Exception {
        clients.close();
        relay.close();
        callers.deleteAll();
    }

    @Test
    void everyDecisionIsOneEvalshaAndNothingElse() {
        RateLimiter limiter = limiterThroughRelay(RateLimitScript.load());
        String caller = callers.fresh();
        decide(limiter, "test-windows", callers.fresh()); // connects (HELLO and the like) and caches the script
        relay.clear();
        long evalshaBefore = evalshaCalls();

        int allowed = 0;
        for (int i = 0; i < DECISIONS; i++) {
            if (decide(limiter, "test-windows", caller).outcome() == Outcome.ALLOWED) {
                allowed++;
            }
        }

        assertThat(allowed).as("both kinds of decision are measured").isEqualTo(3);
        assertThat(relay.commands()).isEqualTo(Collections.nCopies(DECISIONS, "EVALSHA"));
        assertThat(evalshaCalls() - evalshaBefore).as("Redis INFO commandstats agrees (other clients may add more)")
                .isGreaterThanOrEqualTo(DECISIONS);
    }

    @Test
    void aScriptRedisDoesNotKnowYetIsSentOnceThenCalledBySha() {
        // A variant of the script no Redis has cached: the first decision meets NOSCRIPT, as after a Redis restart.
        RateLimitScript unknown = new RateLimitScript(RateLimitScript.load().source() + "\n-- " + UUID.randomUUID());
        RateLimiter limiter = limiterThroughRelay(unknown);
        String caller = callers.fresh();
        decide(limiter, "test-windows", callers.fresh()); // connects, and the first script call
        assertThat(relay.commands()).containsSubsequence("EVALSHA", "EVAL").endsWith("EVAL");
        relay.clear();

        Decision decision = decide(limiter, "test-windows", caller);

        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(decision.rateLimitHeader()).startsWith("\"short\";r=2;");
        assertThat(relay.commands()).containsExactly("EVALSHA");
    }

    private RateLimiter limiterThroughRelay(RateLimitScript script) {
        return new RateLimiter(clients.connect(relay.url(), 1), policies, Duration.ofSeconds(10), Duration.ofSeconds(5),
                new SimpleMeterRegistry(), script);
    }

    private static Decision decide(RateLimiter limiter, String group, String caller) {
        return limiter.check(group, null, caller).await().atMost(Duration.ofSeconds(30));
    }

    private long evalshaCalls() {
        Matcher calls = EVALSHA_CALLS.matcher(redis.execute("INFO", "commandstats").toString());
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }
}
