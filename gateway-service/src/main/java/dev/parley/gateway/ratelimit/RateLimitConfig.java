package dev.parley.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Rate limits per route group, under {@code parley.gateway.rate-limit}. Checked at startup by
 * {@link RateLimitPolicies#from(RateLimitConfig)}; a mistake stops the service with a message naming the property.
 */
@ConfigMapping(prefix = "parley.gateway.rate-limit")
public interface RateLimitConfig {

    /** How long one decision may wait for Redis before Redis counts as unavailable and the group's fail mode applies. */
    @WithDefault("200ms")
    Duration redisTimeout();

    /** The {@code Retry-After} of a fail-closed answer (Redis unavailable): outages are usually short. */
    @WithDefault("5s")
    Duration unavailableRetryAfter();

    /** Route groups by name ({@code chat}, {@code write}, {@code read}, ...); lower case letters, digits and '-'. */
    Map<String, Group> groups();

    /**
     * Overrides by tenant hash, then group name: a tenant's limits for a group replace the group's limits for that
     * tenant (all of them; a window the override leaves out is not checked). The fail mode stays the group's.
     */
    Map<String, Map<String, TenantGroup>> tenants();

    /** One route group: its limits, all checked in the same call, and what to do while Redis is unavailable. */
    interface Group {

        /** {@code closed} refuses requests while Redis is unavailable; {@code open} lets them through unlimited. */
        @WithDefault("closed")
        FailMode failMode();

        /** Limits by name; the name appears in headers, metrics and denials (lower case letters, digits and '-'). */
        Map<String, Limit> limits();
    }

    /** A tenant's replacement limits for one group. */
    interface TenantGroup {

        /** Limits by name, replacing all the group's limits for this tenant. */
        Map<String, Limit> limits();
    }

    /** One limit: {@code count} requests per {@code period} at the steady rate, {@code burst} of them at once. */
    interface Limit {

        /** Requests allowed per period (at least 1). Required: a limit without a count is a mistake, not a default. */
        int count();

        /** The period the count is spread over (positive). Required, like the count. */
        Duration period();

        /** How many requests an idle caller may send at once (at least 1); the count when unset. */
        OptionalInt burst();
    }

    /** Behaviour of a group while Redis is unavailable (timeout or connection failure). */
    enum FailMode {
        /** Refuse the request: for calls that cost money or change state (chat, writes). */
        CLOSED,
        /** Let the request through without a limit: for cheap reads. */
        OPEN
    }
}
