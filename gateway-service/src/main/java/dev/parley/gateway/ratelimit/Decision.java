package dev.parley.gateway.ratelimit;

/**
 * One rate-limit decision and what the response should say about it.
 *
 * <p>{@code rateLimitHeader} describes the most restrictive limit: the one with the fewest requests remaining (ties:
 * the one that takes longest to reset), because that is the one the client runs into first; on a denial, the limit
 * hit. Its {@code t} is the number of seconds until that limit's bucket is full again (GCRA has no fixed window, so
 * "reset" means fully replenished); a denied client should wait {@code Retry-After}, which is exact, not {@code t}.
 *
 * @param outcome how it came out
 * @param limitHit the name of the limit that denied the request; null unless {@link Outcome#DENIED}
 * @param retryAfterSeconds for {@code Retry-After}: whole seconds (rounded up) until the request would be allowed
 *     ({@link Outcome#DENIED}) or worth retrying ({@link Outcome#FAIL_CLOSED}); 0 otherwise
 * @param policyHeader the {@code RateLimit-Policy} value, e.g. {@code "minute";q=60;w=60, "hour";q=1000;w=3600};
 *     present on every outcome (the policy does not depend on Redis)
 * @param rateLimitHeader the {@code RateLimit} value, e.g. {@code "minute";r=9;t=1}; null for
 *     {@link Outcome#FAIL_OPEN} and {@link Outcome#FAIL_CLOSED} (nothing is known about the remaining quota)
 */
public record Decision(Outcome outcome, String limitHit, long retryAfterSeconds, String policyHeader,
        String rateLimitHeader) {

    /** Whether the request may proceed. */
    public boolean allowed() {
        return outcome == Outcome.ALLOWED || outcome == Outcome.FAIL_OPEN;
    }
}
