package dev.parley.gateway.ratelimit;

import dev.parley.platform.redis.LuaScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The GCRA Lua script ({@code ratelimit/gcra.lua}) and its calling convention: the arguments of one call, and the
 * {@link Decision} its answer means.
 */
final class RateLimitScript {

    static final String RESOURCE = "ratelimit/gcra.lua";
    private static final String KEY_PREFIX = "parley:rl:";

    private final LuaScript lua;

    RateLimitScript(String source) {
        this.lua = new LuaScript(source);
    }

    static RateLimitScript load() {
        return new RateLimitScript(LuaScript.resource(RESOURCE).source());
    }

    String source() {
        return lua.source();
    }

    /** What {@code EVALSHA} names the script by. */
    String sha1() {
        return lua.sha1();
    }

    /** The script, to run in Redis. */
    LuaScript lua() {
        return lua;
    }

    /**
     * The Redis key of one limit of one caller: {@code parley:rl:{<key>}:<group>:<limit>}. The braces make the
     * caller's key the hash tag, so all of its windows live in one cluster slot, as one script call needs.
     */
    static String redisKey(String key, String group, String limit) {
        return KEY_PREFIX + "{" + key + "}:" + group + ":" + limit;
    }

    /** {@code EVALSHA}/{@code EVAL} arguments after the script: number of keys, the keys, then per limit (interval, tolerance). */
    static List<String> arguments(GroupPolicy policy, String key) {
        List<LimitPolicy> limits = policy.limits();
        List<String> args = new ArrayList<>(1 + 3 * limits.size());
        args.add(Integer.toString(limits.size()));
        for (LimitPolicy limit : limits) {
            args.add(redisKey(key, policy.group(), limit.name()));
        }
        for (LimitPolicy limit : limits) {
            args.add(Long.toString(limit.intervalMicros()));
            args.add(Long.toString(limit.toleranceMicros()));
        }
        return args;
    }

    /**
     * The decision the script's answer means: {@code {hit, retry_ms, remaining_1, reset_ms_1, ...}}, hit being the
     * 1-based index of the limit that denied (0: allowed).
     */
    static Decision decision(GroupPolicy policy, long[] answer) {
        List<LimitPolicy> limits = policy.limits();
        if (answer.length != 2 + 2 * limits.size()) {
            throw new IllegalStateException("the rate-limit script answered " + answer.length + " numbers for "
                    + limits.size() + " limits");
        }
        int hit = (int) answer[0];
        int shown = hit > 0 ? hit - 1 : mostRestrictive(answer, limits.size());
        String rateLimit = rateLimitItem(limits.get(shown).name(), answer[2 + 2 * shown], answer[3 + 2 * shown]);
        if (hit == 0) {
            return new Decision(Outcome.ALLOWED, null, 0, policy.policyHeader(), rateLimit);
        }
        return new Decision(Outcome.DENIED, limits.get(shown).name(), Math.max(1, ceilSeconds(answer[1])),
                policy.policyHeader(), rateLimit);
    }

    /** Fewest remaining first; on a tie, the one furthest from reset. */
    private static int mostRestrictive(long[] answer, int limits) {
        int best = 0;
        for (int i = 1; i < limits; i++) {
            long remaining = answer[2 + 2 * i];
            long bestRemaining = answer[2 + 2 * best];
            if (remaining < bestRemaining || remaining == bestRemaining && answer[3 + 2 * i] > answer[3 + 2 * best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code "minute";r=9;t=1}. */
    static String rateLimitItem(String name, long remaining, long resetMillis) {
        return "\"%s\";r=%d;t=%d".formatted(name, remaining, ceilSeconds(resetMillis));
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
