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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Two gateway replicas (two limiters, each with its own Redis connections) and many concurrent callers. */
@QuarkusTest
@TestProfile(RateLimitTestProfile.class)
@QuarkusTestResource(TestJwtKeys.class)
class RateLimiterExactnessTest {

    private static final int CALLERS = 16;
    private static final int ATTEMPTS = 500;
    private static final int LIMIT = 100; // test-exact: 100 per 30 days, burst 100: nothing refills during the test

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitPolicies policies;

    @Inject
    RateLimitConfig config;

    @Inject
    RedisDataSource redis;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void concurrentCallersOnTwoReplicasGetExactlyTheLimit() throws Exception {
        TestCallers keys = new TestCallers(redis);
        String caller = keys.fresh();
        try (TestRedisClients clients = new TestRedisClients(vertx)) {
            RateLimiter secondReplica = new RateLimiter(clients.connect(redisUrl, 8), policies, config,
                    new SimpleMeterRegistry());
            List<RateLimiter> replicas = List.of(limiter, secondReplica);
            AtomicInteger attempts = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
            List<Future<Map<Outcome, Integer>>> results = new ArrayList<>();
            try {
                for (int c = 0; c < CALLERS; c++) {
                    RateLimiter replica = replicas.get(c % 2);
                    results.add(pool.submit(() -> {
                        Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
                        start.await();
                        while (attempts.getAndIncrement() < ATTEMPTS) {
                            Decision decision = replica.check("test-exact", null, caller)
                                    .await().atMost(Duration.ofSeconds(60));
                            seen.merge(decision.outcome(), 1, Integer::sum);
                        }
                        return seen;
                    }));
                }
                start.countDown();
                Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
                for (Future<Map<Outcome, Integer>> result : results) {
                    result.get(5, TimeUnit.MINUTES).forEach((outcome, n) -> total.merge(outcome, n, Integer::sum));
                }

                assertThat(total).as("every attempt reached Redis and was decided")
                        .containsOnlyKeys(Outcome.ALLOWED, Outcome.DENIED);
                assertThat(total.get(Outcome.ALLOWED)).isEqualTo(LIMIT);
                assertThat(total.get(Outcome.DENIED)).isEqualTo(ATTEMPTS - LIMIT);
            } finally {
                pool.shutdownNow();
                keys.deleteAll();
            }
        }
    }
}
