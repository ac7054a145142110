package dev.parley.pipeline.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.TestJwtKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Upload throughput, run by name (it is not a {@code *Test}, so a normal build skips it):
 * {@code JDK_JAVA_OPTIONS=-Xmx1g ./mvnw -B -o -pl pipeline-service -am verify -Dtest=UploadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Medical claims generated on the fly and streamed as chunked bodies
 * (never held whole, on either side); server and client share this JVM and the machine's two cores with PostgreSQL.
 * Reports, never asserts, the timings; asserts only that every row was stored.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UploadBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CPT = {"99213", "99214", "99215", "97110", "80053", "36415", "90837", "93000"};

    @Inject
    AgroalDataSource dataSource;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> workspaces = new ArrayList<>();

    @Test
    void medicalThroughput() throws Exception {
        List<String> report = new ArrayList<>();
        run("warm-up 50k", 50_000, 1, false, report);
        run("100k, 1 file", 100_000, 1, false, report);
        run("100k, 1 file", 100_000, 1, false, report);
        run("1M, 3 files one after another", 1_000_000, 3, false, report);
        run("1M, 3 files at once", 1_000_000, 3, true, report);
        run("1M, 3 files at once", 1_000_000, 3, true, report);
        System.out.println("UPLOAD BENCHMARK (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        report.forEach(line -> System.out.println("UPLOAD BENCHMARK " + line));
        // deleted at the end, not between runs: each run loads into tables that hold the earlier runs' claims
        workspaces.forEach(new UploadTesting(dataSource)::delete);
    }

    private void run(String name, int rows, int files, boolean parallel, List<String> report) throws Exception {
        String ws = UploadTesting.workspace();
        String token = UploadTesting.token("bench-" + UUID.randomUUID(), ws);
        HeapPeak heap = new HeapPeak();
        heap.start();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            int from = (int) ((long) rows * f / files);
            int to = (int) ((long) rows * (f + 1) / files);
            Generated body = new Generated(from, to);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                            + "/v1/workspaces/" + ws + "/uploads?kind=medical"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
            CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            if (!parallel) {
                answer.join();
            }
            answers.add(answer);
        }
        long accepted = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode json = JSON.readTree(response.body());
            accepted += json.get("rowsAccepted").asLong();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        heap.interrupt();
        heap.join();
        assertThat(accepted).isEqualTo(rows);
        try (var connection = dataSource.getConnection();
                var count = connection.prepareStatement("SELECT count(*) FROM medical_claim c JOIN workspace w USING (ws_key) WHERE w.workspace_id = ?")) {
            count.setString(1, ws);
            try (var rs = count.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rows);
            }
        }
        workspaces.add(ws);
        report.add(String.format(Locale.ROOT, "%-32s %9d rows %7.2f s %10.0f rows/s, peak heap used %5d MiB",
                name, rows, seconds, rows / seconds, heap.peak.get() / (1024 * 1024)));
    }

    /** Samples the heap in use while a run goes. */
    private static final class HeapPeak extends Thread {
        final AtomicLong peak = new AtomicLong();
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        HeapPeak() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Medical claims {@code from..to} as CSV, made as they are read. */
    private static final class Generated extends InputStream {
        private final int to;
        private int next;
        private byte[] chunk = UploadTesting.MEDICAL_HEADER.getBytes(StandardCharsets.UTF_8);
        private int pos;
        private final StringBuilder rows = new StringBuilder(64 * 1024);

        Generated(int from, int to) {
            this.next = from;
            this.to = to;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == chunk.length && !refill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean refill() {
            if (next >= to) {
                return false;
            }
            rows.setLength(0);
            for (int end = Math.min(to, next + 1000); next < end; next++) {
                int i = next;
                rows.append("CLM").append(1_000_000_000 + i).append(",M").append(100_000 + i % 50_000)
                        .append(",1").append(100_000_000 + i % 2_000 * 7).append(",2024-")
                        .append(1 + i % 12 < 10 ? "0" : "").append(1 + i % 12).append('-')
                        .append(1 + i % 28 < 10 ? "0" : "").append(1 + i % 28).append(',').append(CPT[i % CPT.length])
                        .append(',').append(1 + i % 6).append(',').append(40 + i % 900).append('.').append(i % 10).append('5')
                        .append(",E11.9,11\n");
            }
            chunk = rows.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }
    }
}
