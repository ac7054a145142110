package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.synth.ClaimsGenerator;
import dev.parley.synth.GroundTruth;
import dev.parley.synth.SynthSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the pipeline at scale against the running platform. One million claims (800,000 medical, 200,000
 * pharmacy, 2,000 providers, 50,000 members, claims-synth) are uploaded through pipeline-service's API and a job
 * runs quality gates, rules and cases over them, timed from the first byte uploaded to the job's end; the service's
 * heap is sampled with {@code jstat} meanwhile. Then the same data goes to a second workspace, a second
 * pipeline-service instance (port 8093) joins as a worker replica, and the process running the job is killed
 * ({@code kill -9}) in the middle of it: the other instance takes the job over and it must end with the same cases as
 * the uninterrupted run. Run with {@code ./mvnw -B -Pe2e -pl e2e-tests -am verify -Dtest=PipelineScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.claims=N} for another size); results in
 * {@code target/bench-pipeline.txt}.
 */
class PipelineScaleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAIN = 8083;
    private static final int REPLICA = 8093;
    /** Upload files stay under the 50 MB body cap. */
    private static final long PART_BYTES = 40L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();

    @Test
    void millionClaims() throws Exception {
        int claims = Integer.getInteger("bench.claims", 1_000_000);
        int medical = claims * 4 / 5;
        Path dir = Path.of("target", "bench-pipeline");
        Files.createDirectories(dir);
        long generating = System.nanoTime();
        GroundTruth truth = new ClaimsGenerator(SynthSpec.demo(7).withCounts(Math.max(40, claims / 500),
                Math.max(500, claims / 20), medical, claims - medical)).writeTo(dir);
        say("generated %,d claims in %.1f s (%d planted providers)", claims, seconds(generating),
                truth.plantedProviders().size());
        String tenant = "bench-" + System.currentTimeMillis();
        String token = ParleyCli.token(tenant, "user,analyst");
        long pid = pidOf("pipeline");

        HeapSampler heap = new HeapSampler(pid);
        heap.start();
        long started = System.nanoTime();
        upload(MAIN, token, "ws-1", dir);
        double uploaded = seconds(started);
        JsonNode job = runJob(MAIN, token, "ws-1", null);
        double total = seconds(started);
        heap.stop();
        say("workspace ws-1: uploads %.1f s, job %.1f s (%s), total %.1f s; pipeline-service heap used at most %d MiB "
                + "(of -Xmx as ./parley starts it)", uploaded, total - uploaded, job.path("status").asText(), total,
                heap.maxUsedMiB());
        Map<String, String> reference = cases(MAIN, token, "ws-1");
        say("ws-1: %d cases (%d providers planted)", reference.size(), truth.plantedProviders().size());
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(reference.keySet()).containsAll(truth.plantedProviders().keySet());

        // the same data again, with a replica, and the worker running the job killed mid-way
        upload(MAIN, token, "ws-2", dir);
        Process replica = ServiceProcess.start("pipeline", REPLICA, "pipeline-replica", "parley.pipeline.jobs.workers=1");
        try {
            JsonNode interrupted = runJob(MAIN, token, "ws-2", "rules");
            Map<String, String> after = cases(MAIN, token, "ws-2");
            say("ws-2: job %s after the kill, attempt %d, worker %s; %d cases, identical to ws-1: %s",
                    interrupted.path("status").asText(), interrupted.path("attempt").asInt(),
                    interrupted.path("worker").asText(), after.size(), after.equals(reference));
            assertThat(interrupted.path("status").asText()).isEqualTo("completed");
            assertThat(interrupted.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(after).isEqualTo(reference);
        } finally {
            replica.destroyForcibly().waitFor();
            ParleyCli.run("up"); // restarts pipeline-service if it was the one killed
        }
        Files.write(Path.of("target", "bench-pipeline.txt"), report);
    }

    /** Uploads the four files (medical in parts under the body cap), in the order references need. */
    private void upload(int port, String token, String workspace, Path dir) throws Exception {
        for (String kind : List.of("providers", "members", "medical", "pharmacy")) {
            for (Path part : parts(dir.resolve(kind + ".csv"))) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:%d/v1/workspaces/%s/uploads?kind=%s".formatted(port, workspace, kind)))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofFile(part)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                say("  %s: %s %,d rows in %.1f s", workspace, part.getFileName(),
                        JSON.readTree(answer.body()).path("rowsAccepted").asLong(), seconds(start));
            }
        }
    }

    /** The job of a workspace to its end; with {@code killIn} a phase name, the worker running it is killed there. */
    private JsonNode runJob(int port, String token, String workspace, String killIn) throws Exception {
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:%d/v1/workspaces/%s/jobs".formatted(port, workspace)))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String jobId = JSON.readTree(submitted.body()).path("jobId").asText();
        boolean killed = false;
        long deadline = System.currentTimeMillis() + 15 * 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode job = readJob(token, jobId);
            if (job != null) {
                String status = job.path("status").asText();
                if (status.equals("completed") || status.equals("failed")) {
                    return job;
                }
                if (killIn != null && !killed && killIn.equals(job.path("phase").asText())) {
                    String worker = job.path("worker").asText();
                    long pid = Long.parseLong(worker.replaceAll(".*-(\\d+)-w\\d+$", "$1"));
                    say("  killing worker %s (pid %d) in phase %s at %d%%", worker, pid, killIn, job.path("progress").asInt());
                    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                    killed = true;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " did not end");
    }

    /** The job's state from whichever instance answers (the one killed does not). */
    private JsonNode readJob(String token, String jobId) {
        for (int port : List.of(MAIN, REPLICA)) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:%d/v1/jobs/%s".formatted(port, jobId)))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return JSON.readTree(answer.body());
                }
            } catch (IOException | InterruptedException e) {
                // that instance is down; try the other
            }
        }
        return null;
    }

    /** Every case of the workspace as provider -> "level score hits", to compare two runs. */
    private Map<String, String> cases(int port, String token, String workspace) throws Exception {
        Map<String, String> cases = new TreeMap<>();
        String cursor = null;
        do {
            String query = "limit=100" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> answer = null;
            for (int p : List.of(port, REPLICA)) {
                try {
                    answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d/v1/workspaces/%s/cases?%s"
                                    .formatted(p, workspace, query))).header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (IOException e) {
                    // down: the other instance
                }
            }
            assertThat(answer).isNotNull();
            JsonNode page = JSON.readTree(answer.body());
            for (JsonNode item : page.path("items")) {
                cases.put(item.path("providerNpi").asText(), item.path("riskLevel").asText() + " "
                        + item.path("riskScore").decimalValue().stripTrailingZeros().toPlainString() + " "
                        + item.path("hitCount").asInt());
            }
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asText();
        } while (cursor != null);
        return cases;
    }

    /** Splits a CSV into files under the body cap, each with the header. */
    private static List<Path> parts(Path file) throws IOException {
        if (Files.size(file) <= PART_BYTES) {
            return List.of(file);
        }
        List<Path> parts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String line = in.readLine();
            while (line != null) {
                Path part = file.resolveSibling(file.getFileName() + ".part" + parts.size());
                long written = 0;
                try (BufferedWriter out = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
                    out.write(header);
                    out.write('\n');
                    while (line != null && written < PART_BYTES) {
                        out.write(line);
                        out.write('\n');
                        written += line.length() + 1;
                        line = in.readLine();
                    }
                }
                parts.add(part);
            }
        }
        return parts;
    }

    private static long pidOf(String service) throws IOException {
        return Long.parseLong(Files.readString(PlatformSmokeTest.ROOT.resolve(".parley/pids/" + service + ".pid")).trim());
    }

    /** The most heap (young and old generations) a JVM used, from {@code jstat -gc} every half second. */
    private static final class HeapSampler {
        private final long pid;
        private final AtomicLong maxKib = new AtomicLong();
        private Process jstat;
        private Thread reader;

        HeapSampler(long pid) {
            this.pid = pid;
        }

        void start() throws IOException {
            Path jstatBin = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jstat");
            jstat = new ProcessBuilder(jstatBin.toString(), "-gc", Long.toString(pid), "500").redirectErrorStream(true).start();
            reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = jstat.inputReader()) {
                    String[] header = null;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String[] cells = line.trim().split("\\s+");
                        if (cells.length > 0 && cells[0].equals("S0C")) {
                            header = cells;
                            continue;
                        }
                        if (header == null || cells.length != header.length) {
                            continue;
                        }
                        double used = 0;
                        for (int i = 0; i < header.length; i++) {
                            if (List.of("S0U", "S1U", "EU", "OU").contains(header[i])) {
                                used += Double.parseDouble(cells[i]);
                            }
                        }
                        long kib = (long) used;
                        maxKib.accumulateAndGet(kib, Math::max);
                    }
                } catch (IOException | NumberFormatException e) {
                    // the sampler ends with jstat
                }
            });
        }

        void stop() throws InterruptedException {
            jstat.destroy();
            reader.join(2_000);
        }

        long maxUsedMiB() {
            return maxKib.get() / 1024;
        }
    }

    private void say(String format, Object... args) {
        String line = format.formatted(args);
        System.out.println(line);
        report.add(line);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
