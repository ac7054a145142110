package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the tokenize round trip over HTTP on loopback (scrub with {@code tokenize}, then detokenize the
 * result; Redis and the audit outbox included), one request at a time, against the running compliance-service, with
 * a fresh conversation per round trip. For scale, the same client measures two requests to a route that does nothing
 * ({@code /q/health/live}) in the same run: the floor of two HTTP exchanges on this machine. Run with
 * {@code ./mvnw -B -Pe2e -pl e2e-tests -am verify -Dtest=TokenizeRoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.roundtrips=N -Dbench.runs=R -Dbench.rate=P}: P round trips a second, paced; 0 for back to back).
 * Paced, each sample is timed from its scheduled start, so a stall also counts against the requests it delayed.
 */
class TokenizeRoundTripBenchmark {

    private static final String MESSAGE = "Hi, this is Maria Gonzalez, DOB 03/14/1962. Please call me at (415) 555-0134 "
            + "or write to maria.gonzalez@example.org about claim 4471-22 for member W123456789.";

    @Test
    void measure() throws Exception {
        String token = ParleyCli.token("bench-" + UUID.randomUUID(), "user");
        int measured = Integer.getInteger("bench.roundtrips", 5000);
        int runs = Integer.getInteger("bench.runs", 3);
        int rate = Integer.getInteger("bench.rate", 0);
        List<String> lines = new ArrayList<>();
        try (LoopbackHttp http = new LoopbackHttp(8085)) {
            roundTrips(http, token, 2000, 0, false, new long[2000]);
            floor(http, 2000, 0);
            for (int run = 1; run <= runs; run++) {
                long[] scrubs = new long[measured];
                long[] trips = roundTrips(http, token, measured, rate, run == 1, scrubs);
                long[] floor = floor(http, measured, rate);
                lines.add("run %d (%s): tokenize round trip %s | of which scrub %s | two no-op requests %s".formatted(run,
                        rate == 0 ? "back to back" : rate + "/s", Bench.summary(trips), Bench.summary(scrubs), Bench.summary(floor)));
            }
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "bench-tokenize.txt"), lines);
    }

    private static long[] roundTrips(LoopbackHttp http, String token, int count, int rate, boolean check, long[] scrubs)
            throws Exception {
        long[] nanos = new long[count];
        Bench.Pacer pacer = new Bench.Pacer(rate);
        for (int i = 0; i < count; i++) {
            String conversation = UUID.randomUUID().toString();
            long start = pacer.next();
            LoopbackHttp.Response scrubbed = http.postJson("/v1/scrub", token, "{\"text\":\"" + MESSAGE
                    + "\",\"operator\":\"tokenize\",\"conversationId\":\"" + conversation + "\"}");
            scrubs[i] = System.nanoTime() - start;
            String text = scrubbed.body().substring(scrubbed.body().indexOf("\"text\":\"") + 8,
                    scrubbed.body().indexOf("\",\"findings\""));
            LoopbackHttp.Response restored = http.postJson("/v1/detokenize", token, "{\"text\":\"" + text
                    + "\",\"conversationId\":\"" + conversation + "\"}");
            nanos[i] = System.nanoTime() - start;
            assertThat(scrubbed.status()).as(scrubbed.body()).isEqualTo(200);
            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
            if (check && i == 0) {
                assertThat(text).doesNotContain("maria.gonzalez").contains("\u27E6EMAIL_1\u27E7");
                assertThat(restored.body()).contains("maria.gonzalez@example.org");
            }
        }
        return nanos;
    }

    private static long[] floor(LoopbackHttp http, int count, int rate) throws Exception {
        long[] nanos = new long[count];
        Bench.Pacer pacer = new Bench.Pacer(rate);
        for (int i = 0; i < count; i++) {
            long start = pacer.next();
            http.get("/q/health/live", null);
            http.get("/q/health/live", null);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }
}
