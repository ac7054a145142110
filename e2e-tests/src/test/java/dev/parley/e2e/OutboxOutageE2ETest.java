package dev.parley.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.ids.TenantHasher;
import io.cloudevents.CloudEvent;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The audit outboxes across a broker outage: conversation turns (outbox in PostgreSQL) and compliance scrubs (outbox
 * streams in Redis) keep succeeding while Kafka is stopped, and once it is back every event arrives, each event id at
 * least once and none missing; duplicates on the wire are allowed and counted.
 */
class OutboxOutageE2ETest {

    private static final String AUDIT = "parley.audit.v1";

    /** A request made in a loop, and how many of its calls succeeded. */
    private static final class Workload {
        final String name;
        final BooleanSupplier call;
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        int beforeOutage;
        int duringOutage;

        Workload(String name, BooleanSupplier call) {
            this.name = name;
            this.call = call;
        }

        Thread start(AtomicBoolean going) {
            return Thread.ofPlatform().start(() -> {
                while (going.get()) {
                    try {
                        (call.getAsBoolean() ? succeeded : failed).incrementAndGet();
                    } catch (Exception connectionBroke) { // RestAssured rethrows I/O errors unchecked
                        failed.incrementAndGet();
                    }
                    pause(30);
                }
            });
        }
    }

    @Test
    void everyAuditEventArrivesAfterTheBrokerComesBack() throws Exception {
        String tenant = "outbox-" + UUID.randomUUID();
        String jwt = ParleyCli.token(tenant, "user");
        String tenantHash = TenantHasher.ofSecret(PlatformSmokeTest.DEV_TENANT_KEY).hash(tenant);
        try (KafkaConsumer<String, byte[]> audit = tail()) {
            var opened = given().port(8081).auth().oauth2(jwt).contentType(ContentType.JSON)
                    .body(Map.of("workspaceId", "ws-1", "mode", "global")).post("/v1/conversations")
                    .then().statusCode(201).extract();
            String id = opened.path("conversationId");
            AtomicReference<String> token = new AtomicReference<>(opened.path("conversationToken"));
            Workload turns = new Workload("conversation turns", () -> {
                var response = given().port(8081).auth().oauth2(jwt).contentType(ContentType.JSON)
                        .body(Map.of("conversationToken", token.get(), "messages", List.of(
                                Map.of("role", "user", "content", "question"),
                                Map.of("role", "assistant", "content", "answer"))))
                        .post("/v1/conversations/" + id + "/turns");
                if (response.statusCode() != 200) {
                    return false;
                }
                token.set(response.path("conversationToken"));
                return true;
            });
            Workload scrubs = new Workload("compliance scrubs", () -> given().port(8085).auth().oauth2(jwt)
                    .contentType(ContentType.JSON).body(Map.of("text", "Reach jane.roe@example.org or 415-555-0134",
                            "operator", "tokenize", "conversationId", id))
                    .post("/v1/scrub").statusCode() == 200);
            List<Workload> workloads = List.of(turns, scrubs);
            AtomicBoolean going = new AtomicBoolean(true);
            List<Thread> threads = workloads.stream().map(workload -> workload.start(going)).toList();
            pause(2_000);
            workloads.forEach(workload -> workload.beforeOutage = workload.succeeded.get());
            ParleyCli.run("stop", "kafka");
            pause(5_000);
            workloads.forEach(workload -> workload.duringOutage = workload.succeeded.get() - workload.beforeOutage);
            ParleyCli.run("up");
            pause(2_000);
            going.set(false);
            for (Thread thread : threads) {
                // a call still in flight must finish before the calls are counted, or its event looks like an extra
                thread.join(60_000);
                assertThat(thread.isAlive()).as("a workload still running after 60 s").isFalse();
            }
            for (Workload workload : workloads) {
                assertThat(workload.beforeOutage).as(workload.name + " before the outage").isPositive();
                assertThat(workload.duringOutage).as(workload.name + " while the broker was down").isPositive();
                assertThat(workload.failed.get()).as("failed " + workload.name).isZero();
            }

            // the conversation's creation and each turn; each scrub
            int expectedTurns = turns.succeeded.get() + 1;
            int expectedScrubs = scrubs.succeeded.get();
            Map<String, Integer> turnCopies = new HashMap<>();
            Map<String, Integer> scrubCopies = new HashMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while ((turnCopies.size() < expectedTurns || scrubCopies.size() < expectedScrubs)
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(500))) {
                    if (!tenantHash.equals(record.key())) {
                        continue;
                    }
                    CloudEvent event = CloudEventEnvelope.deserialize(record.value());
                    String data = new String(event.getData().toBytes());
                    if (data.contains("\"pii.scrubbed\"")) {
                        // conversation-service redacts the first user message for the title: that scrub is not ours
                        if (data.contains("\"operator\":\"TOKENIZE\"")) {
                            scrubCopies.merge(event.getId(), 1, Integer::sum);
                        }
                    } else if (data.contains(id)) {
                        turnCopies.merge(event.getId(), 1, Integer::sum);
                    }
                }
            }
            System.out.printf("outbox test: %d turns (%d while the broker was down), %d distinct events, %d duplicates; "
                    + "%d scrubs (%d while the broker was down), %d distinct events, %d duplicates%n",
                    turns.succeeded.get(), turns.duringOutage, turnCopies.size(), duplicates(turnCopies),
                    scrubs.succeeded.get(), scrubs.duringOutage, scrubCopies.size(), duplicates(scrubCopies));
            assertThat(turnCopies).as("distinct audit events of the conversation").hasSize(expectedTurns);
            assertThat(scrubCopies).as("distinct audit events of the scrubs").hasSize(expectedScrubs);
        }
    }

    private static long duplicates(Map<String, Integer> copies) {
        return copies.values().stream().mapToInt(n -> n - 1).sum();
    }

    private static KafkaConsumer<String, byte[]> tail() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "group.id", "e2e-outbox-" + UUID.randomUUID(), "auto.offset.reset", "latest",
                "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
                "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"));
        consumer.subscribe(List.of(AUDIT));
        long deadline = System.currentTimeMillis() + 15_000;
        while (consumer.assignment().isEmpty() && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
