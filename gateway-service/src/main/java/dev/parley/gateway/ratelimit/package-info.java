/**
 * Distributed rate limits of the gateway, in Redis ({@code parley:rl:*}).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * String key = caller == null ? RateLimitKeys.ofAddress(peerIp) : RateLimitKeys.of(tenantHash, subjectHash);
 * rateLimiter.check("chat", tenantHash, key)   // Uni<Decision>, safe on the event loop
 * }</pre>
 * Write {@code RateLimit-Policy: <policyHeader>} and, when present, {@code RateLimit: <rateLimitHeader>} on every
 * response; on {@code DENIED} answer 429 problem+json ({@code ProblemKind.TOO_MANY_REQUESTS}) naming
 * {@code limitHit}, with {@code Retry-After: <retryAfterSeconds>}; on {@code FAIL_CLOSED}, refuse likewise (e.g. 503)
 * with its {@code Retry-After}.
 *
 * <h2>Algorithm</h2>
 * GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp per limit). A limit of {@code count}
 * per {@code period} with {@code burst} has an emission interval {@code T = period / count} (rounded up to a whole
 * microsecond, so rounding can only make it stricter) and a tolerance {@code burst × T}. Each limit stores its
 * theoretical arrival time {@code TAT}; a request at {@code now} fits when {@code max(TAT, now) + T - now ≤ burst × T},
 * and is then recorded as {@code TAT = max(TAT, now) + T}. An idle caller can thus send {@code burst} requests at
 * once, then one per {@code T}.
 *
 * <p>One Lua script ({@code src/main/resources/ratelimit/gcra.lua}) per request reads every limit of the group, and
 * only when all of them fit records the request in all of them, in one atomic step: no read-then-write race between
 * gateway replicas, and a denied request costs nothing. The clock is Redis {@code TIME} inside the script, so the
 * gateways' clocks do not matter. When several limits refuse, the one with the longest wait is reported, and
 * {@code Retry-After} is that wait (then every limit fits).
 *
 * <h2>Keys</h2>
 * {@code parley:rl:{<key>}:<group>:<limit>}, {@code <key>} being {@code t:<tenantHash>:s:<subjectHash>} for
 * authenticated calls and {@code ip:<address>} for the rest. The braces make {@code <key>} the hash tag: all windows
 * of one caller share a cluster slot, as one script call requires. The value is the TAT in microseconds; each key
 * expires when its bucket is full again, so idle callers leave nothing behind.
 *
 * <h2>Headers</h2>
 * IETF draft-ietf-httpapi-ratelimit-headers-09: {@code RateLimit-Policy: "minute";q=60;w=60, "hour";q=1000;w=3600}
 * lists every limit ({@code q} the count, {@code w} the period in seconds); {@code RateLimit: "minute";r=9;t=1}
 * describes the most restrictive limit only: the one with the fewest requests remaining (ties: the one furthest from
 * reset), because that is the one the client runs into first; on a denial, the limit hit. {@code r} is how many
 * requests fit now, {@code t} the seconds until that limit's bucket is full again.
 *
 * <h2>Configuration</h2>
 * {@code parley.gateway.rate-limit.*} ({@link dev.parley.gateway.ratelimit.RateLimitConfig}), checked at startup:
 * {@code groups.<group>.limits.<name>.count|period|burst}, {@code groups.<group>.fail-mode},
 * {@code tenants.<tenantHash>.<group>.limits.<name>.*} (replaces the group's limits for that tenant),
 * {@code redis-timeout} (200ms), {@code unavailable-retry-after} (5s). Defaults: {@code chat} 60/min burst 10 and
 * 1000/h, fail closed; {@code write} 300/min, fail closed; {@code read} 1200/min, fail open.
 *
 * <h2>Redis unavailable</h2>
 * A call that fails or exceeds {@code redis-timeout} applies the group's fail mode: {@code closed} answers
 * {@code FAIL_CLOSED} (refuse), {@code open} answers {@code FAIL_OPEN} (let through, unlimited). Both are counted in
 * {@code gateway_ratelimit_decisions_total{outcome="fail_closed"|"fail_open"}}, and the {@code rate-limit}
 * readiness check is DOWN while Redis does not answer {@code PING} and some group fails closed.
 *
 * <h2>One round trip</h2>
 * A decision is one {@code EVALSHA}; only after Redis lost its script cache (restart, failover) does the first one
 * fall back to {@code EVAL}. {@code RateLimiterRoundTripTest} proves it by routing a limiter's connection through a
 * relay that records every command the client sends: N decisions are exactly N {@code EVALSHA} commands and nothing
 * else (on a quiet server, Redis {@code INFO commandstats} shows the same: {@code cmdstat_evalsha} calls grow by N).
 */
package dev.parley.gateway.ratelimit;
