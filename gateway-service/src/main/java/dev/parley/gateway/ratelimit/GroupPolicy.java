package dev.parley.gateway.ratelimit;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The limits one request of a route group is checked against (the group's, or a tenant's replacement), shortest
 * period first, with the {@code RateLimit-Policy} value they make.
 */
final class GroupPolicy {

    private final String group;
    private final FailMode failMode;
    private final List<LimitPolicy> limits;
    private final String policyHeader;

    GroupPolicy(String group, FailMode failMode, List<LimitPolicy> limits) {
        this.group = group;
        this.failMode = failMode;
        this.limits = limits.stream()
                .sorted(Comparator.comparing(LimitPolicy::period).thenComparing(LimitPolicy::name))
                .toList();
        this.policyHeader = this.limits.stream().map(LimitPolicy::policyItem).collect(Collectors.joining(", "));
    }

    String group() {
        return group;
    }

    FailMode failMode() {
        return failMode;
    }

    /** At least one, shortest period first. */
    List<LimitPolicy> limits() {
        return limits;
    }

    /** {@code "minute";q=60;w=60, "hour";q=1000;w=3600}. */
    String policyHeader() {
        return policyHeader;
    }
}
