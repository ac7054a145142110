package dev.parley.gateway.ratelimit;

import java.time.Duration;

/**
 * One validated limit: {@code count} requests per {@code period} at the steady rate, {@code burst} at once.
 *
 * @param name the limit's name, as in headers, metrics and denials
 * @param count requests per period, at least 1
 * @param period whole seconds, at least one
 * @param burst requests an idle caller may send at once, at least 1
 */
record LimitPolicy(String name, long count, Duration period, long burst) {

    /**
     * GCRA's emission interval: the steady time between two requests. Rounded up to a whole microsecond (Redis
     * {@code TIME}'s resolution) so that rounding can only make the limit stricter, never let one more through.
     */
    long intervalMicros() {
        long periodMicros = period.toSeconds() * 1_000_000L;
        return (periodMicros + count - 1) / count;
    }

    /** GCRA's tolerance: how far ahead of now a caller's theoretical arrival time may run before it is refused. */
    long toleranceMicros() {
        return burst * intervalMicros();
    }

    /** This limit as one item of {@code RateLimit-Policy}: {@code "minute";q=60;w=60}. */
    String policyItem() {
        return "\"%s\";q=%d;w=%d".formatted(name, count, period.toSeconds());
    }
}
