package dev.parley.gateway.ratelimit;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Distributed rate limits: one Redis call per request decides and records it against every limit of its route
 * group (see the package documentation for the algorithm, keys and headers).
 *
 * <p>Non-blocking: {@link #check} may be called on the event loop, and its answer comes back on the caller's Vert.x
 * context, also when Redis times out. Redis is unavailable when the call fails or takes longer than
 * {@code parley.gateway.rate-limit.redis-timeout}; the group's fail mode then decides, and the decision is counted
 * as {@code fail_open} or {@code fail_closed}.
 *
 * <p>Metrics: {@code gateway_ratelimit_decisions_total{group,limit,outcome}}, outcome one of {@code allowed},
 * {@code denied}, {@code fail_open}, {@code fail_closed}; {@code limit} names the limit hit for {@code denied} and
 * is {@code none} otherwise.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    static final String METRIC = "gateway.ratelimit.decisions";
    static final String NO_LIMIT = "none";

    private final ReactiveRedisDataSource redis;
    private final RateLimitPolicies policies;
    private final Duration redisTimeout;
    private final long unavailableRetryAfterSeconds;
    private final RateLimitScript script;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicBoolean redisFailing = new AtomicBoolean();

    @Inject
    public RateLimiter(ReactiveRedisDataSource redis, RateLimitPolicies policies, RateLimitConfig config,
            MeterRegistry registry) {
        this(redis, policies, config.redisTimeout(), config.unavailableRetryAfter(), registry, RateLimitScript.load());
    }

    RateLimiter(ReactiveRedisDataSource redis, RateLimitPolicies policies, Duration redisTimeout,
            Duration unavailableRetryAfter, MeterRegistry registry, RateLimitScript script) {
        this.redis = redis;
        this.policies = policies;
        this.redisTimeout = redisTimeout;
        this.unavailableRetryAfterSeconds = Math.max(1, unavailableRetryAfter.toSeconds());
        this.registry = registry;
        this.script = script;
        // Every series exists from the start, at zero, so that rates and alerts work before the first denial.
        for (GroupPolicy group : policies.groups()) {
            for (Outcome outcome : Outcome.values()) {
                if (outcome != Outcome.DENIED) {
                    counter(group.group(), NO_LIMIT, outcome);
                }
            }
            policies.limitNames(group.group()).forEach(limit -> counter(group.group(), limit, Outcome.DENIED));
        }
    }

    /**
     * One decision for one request: decides and records in one Redis call.
     *
     * @param group a configured route group ({@link #hasGroup}); an unknown one fails the {@code Uni} with
     *     {@link IllegalArgumentException}
     * @param tenantHash the caller's tenant, whose overrides apply; null for anonymous calls
     * @param key who is counted, from {@link RateLimitKeys}: {@code t:<tenantHash>:s:<subjectHash>} or
     *     {@code ip:<address>}
     */
    public Uni<Decision> check(String group, String tenantHash, String key) {
        GroupPolicy policy = policies.policy(group, tenantHash);
        if (policy == null) {
            return Uni.createFrom().failure(new IllegalArgumentException("no rate-limit group '" + group + "'"));
        }
        if (key == null || key.isEmpty() || key.indexOf('{') >= 0 || key.indexOf('}') >= 0) {
            return Uni.createFrom().failure(new IllegalArgumentException("build the key with RateLimitKeys"));
        }
        Executor caller = onContextOf(Vertx.currentContext());
        List<String> args = RateLimitScript.arguments(policy, key);
        return evaluate(args)
                .ifNoItem().after(redisTimeout).fail()
                .map(answer -> RateLimitScript.decision(policy, numbers(answer)))
                .invoke(decision -> {
                    if (redisFailing.compareAndSet(true, false)) {
                        LOG.info("Redis answers rate-limit decisions again");
                    }
                    count(policy.group(), decision);
                })
                .onFailure().recoverWithUni(failure -> Uni.createFrom().item(() -> unavailable(policy, failure))
                        .emitOn(caller));
    }

    /** Whether {@code group} is configured. */
    public boolean hasGroup(String group) {
        return policies.hasGroup(group);
    }

    /**
     * {@code EVALSHA} is the one round trip. Only when Redis has lost its script cache (restart, failover,
     * {@code SCRIPT FLUSH}) does it answer {@code NOSCRIPT}, and {@code EVAL} then runs and caches the script.
     */
    private Uni<Response> evaluate(List<String> args) {
        return script.lua().run(redis, args);
    }

    private Decision unavailable(GroupPolicy policy, Throwable failure) {
        if (redisFailing.compareAndSet(false, true)) {
            // The type only: messages can name hosts. One line per outage, not one per request.
            LOG.warnf("Redis is unavailable for rate-limit decisions (%s); each group applies its fail mode",
                    failure.getClass().getSimpleName());
        }
        Decision decision = policy.failMode() == FailMode.OPEN
                ? new Decision(Outcome.FAIL_OPEN, null, 0, policy.policyHeader(), null)
                : new Decision(Outcome.FAIL_CLOSED, null, unavailableRetryAfterSeconds, policy.policyHeader(), null);
        count(policy.group(), decision);
        return decision;
    }

    private void count(String group, Decision decision) {
        String limit = decision.limitHit() == null ? NO_LIMIT : decision.limitHit();
        counter(group, limit, decision.outcome()).increment();
    }

    private Counter counter(String group, String limit, Outcome outcome) {
        String tag = outcome.name().toLowerCase(Locale.ROOT);
        return counters.computeIfAbsent(group + '\u0000' + limit + '\u0000' + tag, k -> Counter.builder(METRIC)
                .description("Rate-limit decisions by route group, limit hit and outcome")
                .tags("group", group, "limit", limit, "outcome", tag)
                .register(registry));
    }

    /**
     * A timeout fires on Mutiny's scheduler, not on the caller's event loop; the gateway continues on its own
     * context, so the fallback answer is handed back there.
     */
    private static Executor onContextOf(Context context) {
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    private static long[] numbers(Response answer) {
        long[] numbers = new long[answer.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = answer.get(i).toLong();
        }
        return numbers;
    }
}
