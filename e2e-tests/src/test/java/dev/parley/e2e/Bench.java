package dev.parley.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        /**
         * One of {@code of} pacers that share {@code rate} a second: each takes every {@code of}-th slot of the
         * common schedule, starting at slot {@code index}, so that together they send evenly spaced requests (pacers
         * started in phase would send theirs in bursts of {@code of}).
         */
        Pacer(int rate, int index, int of) {
            if (rate <= 0 || of <= 0 || index < 0 || index >= of) {
                throw new IllegalArgumentException("a shared schedule needs a rate > 0 and 0 <= index < of");
            }
            this.interval = 1_000_000_000L * of / rate;
            this.slot = System.nanoTime() - interval + 1_000_000_000L * (index + 1) / rate;
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

    /**
     * A Prometheus histogram of a service, as cumulative counts by upper bound ({@code le}, seconds), for one
     * {@code path} tag: {@link #quantiles} of the difference of two scrapes cover exactly the samples between them.
     */
    static TreeMap<Double, Double> histogram(int port, String metric, String path) throws IOException, InterruptedException {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "_bucket\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        Matcher m = line.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            if (!labels.contains("path=\"" + path + "\"")) {
                continue;
            }
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(labels);
            if (le.find()) {
                buckets.put(le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1)),
                        Double.parseDouble(m.group(2)));
            }
        }
        return buckets;
    }

    /** p50, p90 and p99 of the samples between two scrapes, each as the upper bound of its bucket, in ms. */
    static String quantiles(Map<Double, Double> before, TreeMap<Double, Double> after) {
        double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue()
                - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return "no samples";
        }
        StringBuilder out = new StringBuilder();
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            for (Map.Entry<Double, Double> bucket : after.entrySet()) {
                if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= q * total) {
                    out.append(out.isEmpty() ? "" : ", ").append("p%d <= %.2f ms".formatted(Math.round(q * 100),
                            bucket.getKey() * 1000));
                    break;
                }
            }
        }
        return out + " (%d turns, bucket bounds)".formatted(Math.round(total));
    }
}
