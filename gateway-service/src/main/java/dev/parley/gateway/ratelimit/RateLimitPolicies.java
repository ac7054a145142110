package dev.parley.gateway.ratelimit;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validated rate-limit configuration: each group's policy and the tenants' replacements. Built once at startup;
 * {@link #from(RateLimitConfig)} lists every mistake at once, each with its property name.
 */
public final class RateLimitPolicies {

    private static final String PREFIX = "parley.gateway.rate-limit.";
    /** Names go into Redis keys, header strings and metric tags: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** Far below 2^53 µs, so the script's Lua doubles stay exact. */
    private static final long MAX_TOLERANCE_MICROS = Duration.ofDays(366L * 100).toSeconds() * 1_000_000L;

    private final Map<String, GroupPolicy> groups;
    private final Map<String, Map<String, GroupPolicy>> tenantGroups;

    private RateLimitPolicies(Map<String, GroupPolicy> groups, Map<String, Map<String, GroupPolicy>> tenantGroups) {
        this.groups = Map.copyOf(groups);
        this.tenantGroups = Map.copyOf(tenantGroups);
    }

    /** @throws IllegalStateException naming every invalid property */
    public static RateLimitPolicies from(RateLimitConfig config) {
        List<String> errors = new ArrayList<>();
        Map<String, GroupPolicy> groups = new HashMap<>();
        config.groups().forEach((group, settings) -> {
            String at = PREFIX + "groups." + group;
            if (!NAME.matcher(group).matches()) {
                errors.add(at + ": a group name is lower case letters, digits and '-'");
            }
            groups.put(group, new GroupPolicy(group, settings.failMode(), limits(at, settings.limits(), errors)));
        });
        Map<String, Map<String, GroupPolicy>> tenantGroups = new HashMap<>();
        config.tenants().forEach((tenantHash, overrides) -> overrides.forEach((group, settings) -> {
            String at = PREFIX + "tenants." + tenantHash + "." + group;
            GroupPolicy base = groups.get(group);
            if (base == null) {
                errors.add(at + ": no such group (groups: " + new TreeSet<>(groups.keySet()) + ")");
                return;
            }
            tenantGroups.computeIfAbsent(tenantHash, t -> new HashMap<>())
                    .put(group, new GroupPolicy(group, base.failMode(), limits(at, settings.limits(), errors)));
        }));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Invalid rate limit configuration:\n  " + String.join("\n  ", errors));
        }
        return new RateLimitPolicies(groups, tenantGroups);
    }

    private static List<LimitPolicy> limits(String at, Map<String, RateLimitConfig.Limit> limits, List<String> errors) {
        if (limits.isEmpty()) {
            errors.add(at + ".limits: a group needs at least one limit");
        }
        List<LimitPolicy> policies = new ArrayList<>();
        limits.forEach((name, limit) -> {
            String here = at + ".limits." + name;
            int before = errors.size();
            if (!NAME.matcher(name).matches()) {
                errors.add(here + ": a limit name is lower case letters, digits and '-'");
            }
            if (limit.count() < 1) {
                errors.add(here + ".count must be at least 1 (is " + limit.count() + ")");
            }
            int burst = limit.burst().orElse(limit.count());
            if (burst < 1) {
                errors.add(here + ".burst must be at least 1 (is " + burst + ")");
            }
            Duration period = limit.period();
            if (period.isNegative() || period.isZero()) {
                errors.add(here + ".period must be positive (is " + period + ")");
            } else if (period.getNano() != 0) {
                // RateLimit-Policy's w is whole seconds.
                errors.add(here + ".period must be whole seconds (is " + period + ")");
            }
            if (errors.size() == before) {
                LimitPolicy policy = new LimitPolicy(name, limit.count(), period, burst);
                if (period.toSeconds() > MAX_TOLERANCE_MICROS / 1_000_000L
                        || (double) burst * policy.intervalMicros() > MAX_TOLERANCE_MICROS) {
                    errors.add(here + ": burst × period / count must stay under 100 years");
                } else {
                    policies.add(policy);
                }
            }
        });
        return policies;
    }

    /** Whether {@code group} is configured. */
    public boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    /** The limits a request of {@code group} by {@code tenantHash} (null: anonymous) is checked against; null for an unknown group. */
    GroupPolicy policy(String group, String tenantHash) {
        if (tenantHash != null) {
            Map<String, GroupPolicy> overrides = tenantGroups.get(tenantHash);
            if (overrides != null && overrides.containsKey(group)) {
                return overrides.get(group);
            }
        }
        return groups.get(group);
    }

    /** Every group's own policy (tenant replacements excluded). */
    Collection<GroupPolicy> groups() {
        return groups.values();
    }

    /** Every limit name a request of {@code group} can be denied by, tenant replacements included. */
    Set<String> limitNames(String group) {
        Set<String> names = new TreeSet<>();
        groups.get(group).limits().forEach(limit -> names.add(limit.name()));
        tenantGroups.values().stream().map(overrides -> overrides.get(group)).filter(o -> o != null)
                .forEach(o -> o.limits().forEach(limit -> names.add(limit.name())));
        return names;
    }

    /** Whether any group refuses requests while Redis is unavailable. */
    boolean anyFailClosed() {
        return groups.values().stream().anyMatch(g -> g.failMode() == FailMode.CLOSED);
    }
}
