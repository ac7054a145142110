package dev.parley.e2e;

import java.util.Arrays;

/** What the loopback benchmarks share: a fixed-rate schedule and latency percentiles. */
final class Bench {

    private Bench() {}

    /** The start of each sample: now when unpaced, else the next slot of a fixed schedule (waited for). */
    static final class Pacer {
        private final long interval;
        private long slot = System.nanoTime();

        Pacer(int rate) {
            this.interval = rate == 0 ? 0 : 1_000_000_000L / rate;
        }

        long next() {
            if (interval == 0) {
                return System.nanoTime();
            }
            slot += interval;
            long wait;
            while ((wait = slot - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            return slot;
        }
    }

    static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d samples)".formatted(sorted[n / 2] / 1e6,
                sorted[(int) (n * 0.9)] / 1e6, sorted[(int) (n * 0.99)] / 1e6, sorted[n - 1] / 1e6, n);
    }
}
