package dev.parley.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The GCRA Lua script ({@code ratelimit/gcra.lua}) and its calling convention: the arguments of one call, and the
 * {@link Decision} its answer means.
 */
final class RateLimitScript {

    static final String RESOURCE = "ratelimit/gcra.lua";
    private static final String KEY_PREFIX = "parley:rl:";

    private final String source;
    private final String sha1;

    RateLimitScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    static RateLimitScript load() {
        try (InputStream in = RateLimitScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new RateLimitScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String source() {
        return source;
    }

    /** What {@code EVALSHA} names the script by. */
    String sha1() {
        return sha1;
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
