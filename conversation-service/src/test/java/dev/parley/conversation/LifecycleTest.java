package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.ConversationEvent;
import dev.parley.conversation.ConversationClient.Opened;
import dev.parley.conversation.service.ConversationPurge;
import dev.parley.conversation.service.Reminders;
import dev.parley.platform.audit.AuditOutboxRelay;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.cloudevents.CloudEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders firing, expiry and purge, and what reaches Kafka: lifecycle events on the conversations topic and one
 * audit event per state change, none carrying message or reminder text.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class LifecycleTest {

    private static final String EVENTS = "parley.conversations.v1-test";

    @Inject
    Pool pool;

    @Inject
    Reminders reminders;

    @Inject
    ConversationPurge purge;

    @Inject
    AuditOutboxRelay relay;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @Test
    void dueRemindersFireOnceAndArePublishedWithoutTheirText() throws Exception {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        String id = alice.request().body(Map.of("dueAt", Instant.now().plusMillis(1500).toString(),
                        "text", "Call Maria Gonzalez at (415) 555-0134 about the appeal", "conversationId", conversation.id().toString()))
                .post("/v1/reminders").then().statusCode(201)
                .body("text", not(containsString("555-0134"))).body("text", containsString("[PHONE]"))
                .extract().path("reminderId");
        String cancelled = alice.request().body(Map.of("dueAt", Instant.now().plusMillis(1500).toString(), "text", "never"))
                .post("/v1/reminders").then().statusCode(201).extract().path("reminderId");
        alice.request().delete("/v1/reminders/" + cancelled).then().statusCode(204);
        alice.request().delete("/v1/reminders/" + cancelled).then().statusCode(404);
        alice.request().body(Map.of("dueAt", Instant.now().minusSeconds(5).toString(), "text", "past")).post("/v1/reminders")
                .then().statusCode(400).body("errors[0].field", containsString("dueAt"));

        try (KafkaConsumer<String, byte[]> events = TestTopics.tail(EVENTS)) {
            Thread.sleep(1600);
            reminders.fireDue().await().atMost(Duration.ofSeconds(10));
            assertThat(reminders.fireDue().await().atMost(Duration.ofSeconds(10))).as("fired only once").isZero();
            relay.relayOnce().await().atMost(Duration.ofSeconds(20));
            List<CloudEvent> due = read(events, e -> e.getType().equals("dev.parley.conversation.reminder.due")
                    && new String(e.getData().toBytes()).contains(id), 1);
            ConversationEvent data = CloudEventEnvelope.data(due.get(0), ConversationEvent.class);
            assertThat(data.reminderId()).hasToString(id);
            assertThat(data.conversationId()).isEqualTo(conversation.id());
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(due.get(0).getData().toBytes()).fieldNames())
                    .toIterable().containsExactlyInAnyOrder("eventId", "occurredAt", "tenantHash", "owner",
                            "conversationId", "workspaceId", "reminderId", "dueAt");
        }
        alice.request().queryParam("status", "fired").get("/v1/reminders").then().statusCode(200)
                .body("items.reminderId", org.hamcrest.Matchers.contains(id));
        alice.request().queryParam("status", "cancelled").get("/v1/reminders").then()
                .body("items.reminderId", org.hamcrest.Matchers.contains(cancelled));
    }

    @Test
    void expiredAndDeletedConversationsArePurgedWithEverythingTheyHeld() throws Exception {
        ConversationClient alice = ConversationClient.fresh();
        Opened expired = alice.openGlobal();
        alice.exchange(expired, expired.token(), "q", "a");
        Opened deleted = alice.openGlobal();
        alice.exchange(deleted, deleted.token(), "q", "a");
        Opened kept = alice.openGlobal();
        String keptToken = alice.exchange(kept, kept.token(), "q", "a");
        alice.request().body(Map.of("dueAt", Instant.now().plusSeconds(3600).toString(), "text", "later",
                "conversationId", expired.id().toString())).post("/v1/reminders").then().statusCode(201);
        alice.request().delete("/v1/conversations/" + deleted.id()).then().statusCode(204);
        pool.preparedQuery("UPDATE conversation SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(expired.id())).await().atMost(Duration.ofSeconds(5));
        alice.restore(expired.token()).statusCode(404);

        try (KafkaConsumer<String, byte[]> events = TestTopics.tail(EVENTS); KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            assertThat(purge.purge().await().atMost(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(2);
            relay.relayOnce().await().atMost(Duration.ofSeconds(20));
            Set<String> purged = Set.of(expired.id().toString(), deleted.id().toString());
            List<CloudEvent> lifecycle = read(events, e -> e.getType().equals("dev.parley.conversation.purged")
                    && purged.stream().anyMatch(id -> new String(e.getData().toBytes()).contains(id)), 2);
            assertThat(lifecycle).hasSize(2);
            List<CloudEvent> trail = read(audit, e -> new String(e.getData().toBytes()).contains("conversation.purged")
                    && purged.stream().anyMatch(id -> new String(e.getData().toBytes()).contains(id)), 2);
            assertThat(trail).hasSize(2);
        }
        for (String table : List.of("conversation WHERE id", "message WHERE conversation_id", "reminder WHERE conversation_id",
                "page_context WHERE conversation_id")) {
            long left = pool.preparedQuery("SELECT count(*) FROM " + table + " = ANY($1)")
                    .execute(Tuple.of(new UUID[] {expired.id(), deleted.id()})).await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getLong(0);
            assertThat(left).as(table).isZero();
        }
        alice.restore(keptToken).statusCode(200).body("messages", hasSize(2));
    }

    @Test
    void everyStateChangeIsAuditedWithoutMessageText() throws Exception {
        ConversationClient alice = ConversationClient.fresh();
        try (KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            Opened conversation = alice.openGlobal();
            String token = alice.exchange(conversation, conversation.token(), "secret question text", "secret answer text");
            alice.restore(token).statusCode(200);
            alice.request().body(Map.of("pageContext", Map.of("resourceType", "claim", "resourceId", "C-1")))
                    .put("/v1/conversations/" + conversation.id() + "/page-context").then().statusCode(200);
            alice.restore("v1.k1.bogus.bogus").statusCode(404);
            alice.request().delete("/v1/conversations/" + conversation.id()).then().statusCode(204);
            relay.relayOnce().await().atMost(Duration.ofSeconds(20));
            List<CloudEvent> trail = read(audit, e -> new String(e.getData().toBytes()).contains(conversation.id().toString())
                    || new String(e.getData().toBytes()).contains("conversation.token.rejected"), 6);
            List<String> actions = trail.stream().map(e -> new String(e.getData().toBytes()))
                    .map(json -> json.replaceAll(".*\"action\":\"([^\"]+)\".*", "$1")).toList();
            assertThat(actions).containsExactlyInAnyOrder("conversation.created", "conversation.turn.appended",
                    "conversation.restored", "conversation.page_context.changed", "conversation.token.rejected",
                    "conversation.deleted");
            trail.forEach(e -> assertThat(new String(e.getData().toBytes())).doesNotContain("secret"));
        }
    }

    @Test
    void invalidatingAResourceNeedsAnAdminAndDropsItsCachedSummaries() {
        ConversationClient alice = ConversationClient.fresh();
        String resource = "INV-" + UUID.randomUUID();
        Opened conversation = alice.openGlobal();
        alice.request().body(Map.of("pageContext", Map.of("resourceType", "claim", "resourceId", resource)))
                .put("/v1/conversations/" + conversation.id() + "/page-context").then().statusCode(200);
        assertThat(redis.key().keys("parley:conv:pagectx:*:claim:" + resource + ":*")).hasSize(1);

        alice.request().body(Map.of("resourceType", "claim", "resourceId", resource)).post("/v1/page-context/invalidate")
                .then().statusCode(403);
        ConversationClient admin = ConversationClient.of(alice.tenant(), "admin@example.test", "admin");
        ConversationClient otherAdmin = ConversationClient.of("other-" + UUID.randomUUID(), "admin@example.test", "admin");
        otherAdmin.request().body(Map.of("resourceType", "claim", "resourceId", resource)).post("/v1/page-context/invalidate")
                .then().statusCode(200).body("invalidated", equalTo(0));
        admin.request().body(Map.of("resourceType", "claim", "resourceId", resource)).post("/v1/page-context/invalidate")
                .then().statusCode(200).body("invalidated", equalTo(1));
        assertThat(redis.key().keys("parley:conv:pagectx:*:claim:" + resource + ":*")).isEmpty();
        admin.request().body(Map.of("resourceType", "claim:*", "resourceId", resource)).post("/v1/page-context/invalidate")
                .then().statusCode(400);
    }

    private static List<CloudEvent> read(KafkaConsumer<String, byte[]> consumer, java.util.function.Predicate<CloudEvent> wanted,
            int expected) {
        List<CloudEvent> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                CloudEvent event = CloudEventEnvelope.deserialize(record.value());
                if (wanted.test(event)) {
                    found.add(event);
                }
            }
        }
        return found;
    }
}
