package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the tokenize round trip over HTTP on loopback (scrub with {@code tokenize}, then detokenize the
 * result; Redis included), one request at a time, against the running compliance-service. Run with
 * {@code ./mvnw -B -Pe2e -pl e2e-tests -am verify -Dtest=TokenizeRoundTripBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TokenizeRoundTripBenchmark {

    private static final String MESSAGE = "Hi, this is Maria Gonzalez, DOB 03/14/1962. Please call me at (415) 555-0134 "
            + "or write to maria.gonzalez@example.org about claim 4471-22 for member W123456789.";

    @Test
    void measure() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = ParleyCli.token("bench-" + UUID.randomUUID(), "user");
        int warmup = 500;
        int measured = Integer.getInteger("bench.roundtrips", 3000);
        long[] nanos = new long[measured];
        for (int i = 0; i < warmup + measured; i++) {
            String conversation = UUID.randomUUID().toString();
            long start = System.nanoTime();
            String scrubbed = post(http, token, "/v1/scrub", "{\"text\":\"" + MESSAGE
                    + "\",\"operator\":\"tokenize\",\"conversationId\":\"" + conversation + "\"}");
            String text = scrubbed.substring(scrubbed.indexOf("\"text\":\"") + 8, scrubbed.indexOf("\",\"findings\""));
            String restored = post(http, token, "/v1/detokenize", "{\"text\":\"" + text + "\",\"conversationId\":\""
                    + conversation + "\"}");
            long elapsed = System.nanoTime() - start;
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
                if (i == warmup) {
                    assertThat(restored).contains("maria.gonzalez@example.org");
                    assertThat(text).doesNotContain("maria.gonzalez");
                }
            }
        }
        Arrays.sort(nanos);
        String result = "tokenize round trip (scrub+detokenize over HTTP, sequential, %d samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                .formatted(measured, nanos[measured / 2] / 1e6, nanos[(int) (measured * 0.99)] / 1e6, nanos[measured - 1] / 1e6);
        System.out.println(result);
        Files.write(Path.of("target", "bench-tokenize.txt"), List.of(result));
    }

    private static String post(HttpClient http, String token, String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8085" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
