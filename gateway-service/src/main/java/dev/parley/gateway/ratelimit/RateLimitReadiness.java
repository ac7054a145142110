package dev.parley.gateway.ratelimit;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import dev.parley.platform.config.PlatformConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code rate-limit}: Redis answers {@code PING} within the readiness timeout. DOWN only when it does not and some
 * group fails closed (those requests would all be refused); with fail-open groups only, the gateway still serves.
 * Data: {@code redis} (reachable or unreachable), {@code fail-closed} and {@code fail-open} (the groups of each mode).
 */
@Readiness
@ApplicationScoped
public class RateLimitReadiness implements AsyncHealthCheck {

    static final String NAME = "rate-limit";

    private final ReactiveRedisDataSource redis;
    private final RateLimitPolicies policies;
    private final Duration timeout;

    @Inject
    public RateLimitReadiness(ReactiveRedisDataSource redis, RateLimitPolicies policies, PlatformConfig platform) {
        this(redis, policies, platform.readiness().timeout());
    }

    RateLimitReadiness(ReactiveRedisDataSource redis, RateLimitPolicies policies, Duration timeout) {
        this.redis = redis;
        this.policies = policies;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // platform-runtime's TimedProbe is package-private there; this is the same bounded probe.
        return Uni.createFrom().deferred(() -> redis.execute(Command.PING))
                .ifNoItem().after(timeout).fail()
                .map(pong -> (String) null)
                .onFailure().recoverWithItem(failure -> failure.getClass().getSimpleName())
                .map(this::response);
    }

    private HealthCheckResponse response(String error) {
        boolean reachable = error == null;
        var response = HealthCheckResponse.named(NAME)
                .status(reachable || !policies.anyFailClosed())
                .withData("redis", reachable ? "reachable" : "unreachable")
                .withData("fail-closed", groups(FailMode.CLOSED))
                .withData("fail-open", groups(FailMode.OPEN));
        if (!reachable) {
            response.withData("error", error);
        }
        return response.build();
    }

    private String groups(FailMode mode) {
        return policies.groups().stream().filter(g -> g.failMode() == mode).map(GroupPolicy::group).sorted()
                .collect(Collectors.joining(","));
    }
}
