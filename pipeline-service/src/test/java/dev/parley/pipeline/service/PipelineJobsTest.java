package dev.parley.pipeline.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.ids.UuidV7;
import dev.parley.pipeline.domain.JobState;
import dev.parley.pipeline.domain.QualityMode;
import dev.parley.pipeline.repository.JobStore;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Jobs on the real Redis stream and database: submit, run, follow, take over a dead worker's job, refuse strangers. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PipelineJobsTest {

    @Inject
    JobStore jobs;

    @Inject
    RedisDataSource redis;

    @Inject
    Pool pool;

    private static String analyst(String tenant, String workspace) {
        return TestTokens.valid(tenant, "ann@example.test", Set.of("user", "analyst"), List.of(workspace));
    }

    @Test
    void aJobRunsToItsEndAndIsRecorded() {
        String tenant = "t-" + UUID.randomUUID();
        String token = analyst(tenant, "ws-jobs");
        KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit();
        KafkaConsumer<String, byte[]> runEvents = TestTopics.tail("parley.pipeline.runs.v1-test");
        var submitted = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("qualityMode", "flag_only"))
                .post("/v1/workspaces/ws-jobs/jobs")
                .then().statusCode(202).body("status", equalTo("queued")).extract();
        String jobId = submitted.path("jobId");
        assertThat(submitted.header("Location")).endsWith("/v1/jobs/" + jobId);

        Map<String, Object> done = awaitEnd(token, jobId);

        assertThat(done).containsEntry("status", "completed").containsEntry("progress", 100)
                .containsEntry("qualityMode", "flag_only").containsEntry("attempt", 1);
        String runId = (String) done.get("runId");
        assertThat(runId).isNotNull();
        given().auth().oauth2(token).get("/v1/workspaces/ws-jobs/runs/" + runId).then().statusCode(200)
                .body("summary.status", equalTo("completed")).body("summary.qualityMode", equalTo("flag_only"))
                .body("summary.stats.claimsProcessed", equalTo(0));
        given().auth().oauth2(token).get("/v1/workspaces/ws-jobs/stats").then().statusCode(200)
                .body("lastRun.runId", equalTo(runId)).body("needsReprocessing", equalTo(false));
        try (audit; runEvents) {
            assertThat(events(audit, tenant, 2)).anyMatch(e -> e.contains("\"action\":\"pipeline.job.submitted\""))
                    .anyMatch(e -> e.contains("\"action\":\"pipeline.run.completed\"") && e.contains(runId));
            assertThat(events(runEvents, tenant, 1)).singleElement().satisfies(e -> assertThat(e)
                    .contains("\"type\":\"dev.parley.pipeline.run.completed\"").contains(runId).contains(jobId)
                    .contains("\"workspaceId\":\"ws-jobs\""));
        }
    }

    @Test
    void progressStreamsUntilTheJobEnds() {
        String token = analyst("t-" + UUID.randomUUID(), "ws-sse");
        String jobId = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/v1/workspaces/ws-sse/jobs").then().statusCode(202).extract().path("jobId");

        String stream = given().auth().oauth2(token).accept("text/event-stream").get("/v1/jobs/" + jobId + "/events")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/event-stream"))
                .extract().asString();

        List<String> data = stream.lines().filter(line -> line.startsWith("data:")).toList();
        assertThat(data).isNotEmpty();
        assertThat(data.get(data.size() - 1)).contains("\"status\":\"completed\"");
        assertThat(data.subList(0, data.size() - 1)).noneMatch(line -> line.contains("\"status\":\"completed\""));
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAndCompleted() {
        String tenant = "t-" + UUID.randomUUID();
        UUID jobId = UuidV7.next();
        // a worker took the job, started it (attempt 1, a run id) and died: its entry stays pending, unrenewed
        JobState started = JobState.queued(jobId, hash(tenant), "ws-dead", "someone", false, QualityMode.SKIP_INVALID,
                Instant.now());
        jobs.save(new JobState(jobId, started.tenantHash(), "ws-dead", "someone", false, QualityMode.SKIP_INVALID,
                JobState.RUNNING, "rules", 40, 0, List.of(), UuidV7.next(), 1, started.createdAt(), Instant.now(), null,
                "dead-worker"));
        jobs.ensureGroup();
        redis.execute("EVAL", """
                redis.call('XADD', KEYS[1], '*', 'job', ARGV[1])
                return redis.call('XREADGROUP', 'GROUP', ARGV[2], 'dead-worker', 'COUNT', 100, 'STREAMS', KEYS[1], '>')
                """, "1", JobStore.STREAM, jobId.toString(), JobStore.GROUP);

        JobState ended = awaitState(jobId, Duration.ofSeconds(30));

        assertThat(ended.status()).isEqualTo(JobState.COMPLETED);
        assertThat(ended.attempt()).as("the second attempt finished it").isEqualTo(2);
        assertThat(ended.worker()).as("a live worker took it over").isNotEqualTo("dead-worker").contains("-w");
        assertThat(jobs.pendingByConsumer()).doesNotContainKey("dead-worker");
        Long runs = pool.preparedQuery("SELECT count(*) AS n FROM pipeline_run WHERE job_id = $1").execute(Tuple.of(jobId))
                .await().indefinitely().iterator().next().getLong("n");
        assertThat(runs).as("one run record, however often it was started").isEqualTo(1);
    }

    @Test
    void strangersGetNothing() {
        String token = analyst("t-" + UUID.randomUUID(), "ws-own");
        String jobId = given().auth().oauth2(token).contentType(ContentType.JSON).body("{}")
                .post("/v1/workspaces/ws-own/jobs").then().statusCode(202).extract().path("jobId");

        given().auth().oauth2(analyst("t-" + UUID.randomUUID(), "ws-own")).get("/v1/jobs/" + jobId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(analyst(TestTokens.TENANT, "ws-other")).get("/v1/jobs/" + jobId).then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").post("/v1/workspaces/ws-not-mine/jobs")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.valid("t-x", "u", Set.of("user"), List.of("ws-own"))).contentType(ContentType.JSON)
                .body("{}").post("/v1/workspaces/ws-own/jobs").then().statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("qualityMode", "sometimes"))
                .post("/v1/workspaces/ws-own/jobs").then().statusCode(400).body("errors[0].field", equalTo("qualityMode"));
        given().auth().oauth2(token).get("/v1/jobs/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(token).get("/v1/jobs/not-a-uuid").then().statusCode(404);
    }

    private Map<String, Object> awaitEnd(String token, String jobId) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, Object> job = given().auth().oauth2(token).get("/v1/jobs/" + jobId).then().statusCode(200)
                    .extract().jsonPath().getMap("$");
            if ("completed".equals(job.get("status")) || "failed".equals(job.get("status"))) {
                return job;
            }
            pause();
        }
        throw new AssertionError("job " + jobId + " did not end in 30 s");
    }

    private JobState awaitState(UUID jobId, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (System.currentTimeMillis() < deadline) {
            JobState job = jobs.load(jobId);
            if (job != null && job.ended()) {
                return job;
            }
            pause();
        }
        throw new AssertionError("job " + jobId + " did not end in " + within);
    }

    /** The tenant's events on a topic, waiting until there are at least {@code n} (or 15 s passed). */
    private static List<String> events(KafkaConsumer<String, byte[]> consumer, String tenant, int n) {
        List<String> events = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (events.size() < n && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (hash(tenant).equals(record.key())) {
                    events.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return events;
    }

    private static String hash(String tenant) {
        return dev.parley.contracts.ids.TenantHasher.ofSecret("dev-only-tenant-hash-key-never-in-production").hash(tenant);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
