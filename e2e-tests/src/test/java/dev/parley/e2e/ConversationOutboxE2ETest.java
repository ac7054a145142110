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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The conversation service's outbox across a broker outage: turns keep succeeding while Kafka is stopped (their audit
 * events wait in PostgreSQL), and once it is back every event arrives, each event id at least once and none missing;
 * duplicates on the wire are allowed and counted.
 */
class ConversationOutboxE2ETest {

    private static final String AUDIT = "parley.audit.v1";

    @Test
    void everyTurnsAuditEventArrivesAfterTheBrokerComesBack() throws Exception {
        String tenant = "outbox-" + UUID.randomUUID();
        String jwt = ParleyCli.token(tenant, "user");
        String tenantHash = TenantHasher.ofSecret(PlatformSmokeTest.DEV_TENANT_KEY).hash(tenant);
        try (KafkaConsumer<String, byte[]> audit = tail()) {
            var opened = given().port(8081).auth().oauth2(jwt).contentType(ContentType.JSON)
                    .body(Map.of("workspaceId", "ws-1", "mode", "global")).post("/v1/conversations")
                    .then().statusCode(201).extract();
            String id = opened.path("conversationId");
            AtomicReference<String> token = new AtomicReference<>(opened.path("conversationToken"));
            AtomicInteger turns = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean going = new AtomicBoolean(true);
            Thread chat = Thread.ofPlatform().start(() -> {
                while (going.get()) {
                    var response = given().port(8081).auth().oauth2(jwt).contentType(ContentType.JSON)
                            .body(Map.of("conversationToken", token.get(), "messages", List.of(
                                    Map.of("role", "user", "content", "question " + turns.get()),
                                    Map.of("role", "assistant", "content", "answer " + turns.get()))))
                            .post("/v1/conversations/" + id + "/turns");
                    if (response.statusCode() == 200) {
                        token.set(response.path("conversationToken"));
                        turns.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    pause(30);
                }
            });
            pause(2_000);
            int beforeOutage = turns.get();
            ParleyCli.run("stop", "kafka");
            pause(2_000);
            int duringOutage = turns.get() - beforeOutage;
            pause(3_000);
            ParleyCli.run("up");
            pause(2_000);
            going.set(false);
            chat.join(10_000);
            assertThat(beforeOutage).isPositive();
            assertThat(duringOutage).as("turns committed while the broker was down").isPositive();
            assertThat(failed.get()).as("failed turns").isZero();

            int expected = turns.get() + 1; // the conversation's creation and each turn
            Map<String, Integer> copies = new HashMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (copies.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(500))) {
                    if (!tenantHash.equals(record.key())) {
                        continue;
                    }
                    CloudEvent event = CloudEventEnvelope.deserialize(record.value());
                    if (new String(event.getData().toBytes()).contains(id)) {
                        copies.merge(event.getId(), 1, Integer::sum);
                    }
                }
            }
            long duplicates = copies.values().stream().mapToInt(n -> n - 1).sum();
            System.out.printf("outbox test: %d turns (%d while the broker was down), %d distinct events, %d duplicates%n",
                    turns.get(), duringOutage, copies.size(), duplicates);
            assertThat(copies).as("distinct audit events of the conversation").hasSize(expected);
        }
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
