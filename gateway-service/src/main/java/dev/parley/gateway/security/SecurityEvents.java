package dev.parley.gateway.security;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.TenantHasher;
import dev.parley.gateway.proxy.CircuitBreaker;
import dev.parley.platform.audit.AuditPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's security decisions in the audit trail. Authentication failures, authorization denials and rate-limit
 * denials are aggregated: one event per minute per (action, tenant, actor, reason) with a count, so that a flood of
 * bad requests cannot flood the trail; circuit-breaker changes are recorded as they happen. Decisions before a
 * tenant is known (a bad token, an anonymous caller) go to the platform's own tenant, with the client address as a
 * keyed hash, never in the clear, and never anything of the token.
 *
 * <p>Metrics: {@code gateway_auth_failures_total{reason}}, {@code gateway_access_denied_total}.
 */
@ApplicationScoped
public class SecurityEvents {

    /** The tenant id under which platform-level decisions are recorded (hashed like any other). */
    public static final String PLATFORM_TENANT = "parley-platform";
    static final long WINDOW_MILLIS = 60_000;

    /** What was decided against whom; the aggregation key. */
    record Key(String action, String tenantHash, String actor, String resourceType, String reasonKey, String reason) {}

    private final AuditPublisher audit;
    private final TenantHasher hasher;
    private final MeterRegistry registry;
    private final Vertx vertx;
    private final String platformTenant;
    /** Keys per window at most: callers that rotate addresses fold into one overflow key instead of growing it. */
    static final int MAX_KEYS = 10_000;

    private final AtomicReference<ConcurrentHashMap<Key, LongAdder>> window =
            new AtomicReference<>(new ConcurrentHashMap<>());
    private final Map<String, Counter> authFailures = new ConcurrentHashMap<>();
    private final Counter accessDenied;
    private long timer = -1;

    public SecurityEvents(AuditPublisher audit, TenantHasher hasher, MeterRegistry registry, Vertx vertx) {
        this.audit = audit;
        this.hasher = hasher;
        this.registry = registry;
        this.vertx = vertx;
        this.platformTenant = hasher.hash(PLATFORM_TENANT);
        this.accessDenied = Counter.builder("gateway.access.denied").description("Requests refused for the caller's roles")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(WINDOW_MILLIS, id -> flush());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        flush();
    }

    /** A request whose token was missing or refused; {@code reason} is a fixed code such as {@code expired}. */
    public void authenticationFailed(String reason, String clientAddress) {
        authFailures.computeIfAbsent(reason, r -> Counter.builder("gateway.auth.failures")
                .description("Requests refused for their token, by reason").tag("reason", r).register(registry)).increment();
        count(new Key("auth.failed", platformTenant, addressHash(clientAddress), "request", "reason", reason));
    }

    /** An authenticated caller without a role the route needs. */
    public void accessDenied(String tenantHash, String subjectHash, String routeName) {
        accessDenied.increment();
        count(new Key("access.denied", tenantHash, subjectHash, "route", "route", routeName));
    }

    /** A request over a rate limit; {@code tenantHash} and {@code subjectHash} null for anonymous callers. */
    public void rateLimited(String tenantHash, String subjectHash, String clientAddress, String group, String limit) {
        count(new Key("rate_limit.denied", tenantHash == null ? platformTenant : tenantHash,
                subjectHash == null ? addressHash(clientAddress) : subjectHash, "rate_limit", "group", group + "/" + limit));
    }

    /** A circuit breaker changed state: recorded at once. */
    public void circuitChanged(String upstream, CircuitBreaker.State state) {
        audit.publish(audit.systemEvent(platformTenant, "circuit.changed", "upstream", upstream,
                        state == CircuitBreaker.State.OPEN ? AuditEvent.Outcome.ERROR : AuditEvent.Outcome.SUCCESS,
                        AuditDetails.builder().kind("state", state).build()))
                .subscribe().with(done -> { }, failure -> { });
    }

    /** Publishes one event per key counted in the window that ends now; counting goes on in a fresh one. */
    void flush() {
        Map<Key, LongAdder> ended = window.getAndSet(new ConcurrentHashMap<>());
        ended.forEach((key, adder) -> audit.publish(audit.systemEvent(key.tenantHash(), key.actor(), key.action(),
                        key.resourceType(), null, AuditEvent.Outcome.DENIED, AuditDetails.builder()
                                .count("count", adder.sum()).count("windowSeconds", WINDOW_MILLIS / 1000)
                                .code(key.reasonKey(), key.reason()).build()))
                .subscribe().with(done -> { }, failure -> { }));
    }

    private void count(Key key) {
        ConcurrentHashMap<Key, LongAdder> current = window.get();
        Key counted = current.size() < MAX_KEYS || current.containsKey(key) ? key
                : new Key(key.action(), platformTenant, null, key.resourceType(), "reason", "overflow");
        current.computeIfAbsent(counted, k -> new LongAdder()).increment();
    }

    private String addressHash(String clientAddress) {
        return hasher.hash("address:" + (clientAddress == null ? "unknown" : clientAddress));
    }
}
