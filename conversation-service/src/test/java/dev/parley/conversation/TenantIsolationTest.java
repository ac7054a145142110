package dev.parley.conversation;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.parley.conversation.ConversationClient.Opened;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two tenants with two users each, one of them owning a conversation and a reminder: every other user, in the same
 * tenant or not, gets 404 on every path (or an empty list), and nothing of the owner's changes.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class TenantIsolationTest {

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @Test
    void nobodyButTheOwnerReachesAConversationOrReminder() {
        String tenantA = "tenant-a-" + UUID.randomUUID();
        String tenantB = "tenant-b-" + UUID.randomUUID();
        ConversationClient owner = ConversationClient.of(tenantA, "alice@example.test");
        List<ConversationClient> others = List.of(
                ConversationClient.of(tenantA, "bob@example.test"),
                ConversationClient.of(tenantB, "alice@example.test"),
                ConversationClient.of(tenantB, "carol@example.test"));

        Opened conversation = owner.openGlobal();
        String token = owner.exchange(conversation, conversation.token(), "q", "a");
        String reminder = owner.request().body(Map.of("dueAt", Instant.now().plusSeconds(3600).toString(),
                "text", "follow up", "conversationId", conversation.id().toString())).post("/v1/reminders")
                .then().statusCode(201).extract().path("reminderId");
        String path = "/v1/conversations/" + conversation.id();

        for (ConversationClient other : others) {
            other.request().get(path).then().statusCode(404);
            other.request().get(path + "/history").then().statusCode(404);
            other.turn(conversation.id(), token, List.of(Map.of("role", "user", "content", "let me in"))).statusCode(404);
            other.restore(token).statusCode(404);
            other.request().body(Map.of("pageContext", Map.of("resourceType", "claim", "resourceId", "X"))).put(path + "/page-context")
                    .then().statusCode(404);
            other.request().delete(path).then().statusCode(404);
            other.request().queryParam("workspaceId", "ws-1").get("/v1/conversations").then().statusCode(200)
                    .body("items", hasSize(0));
            other.request().get("/v1/reminders").then().statusCode(200).body("items", hasSize(0));
            other.request().delete("/v1/reminders/" + reminder).then().statusCode(404);
            other.request().body(Map.of("dueAt", Instant.now().plusSeconds(60).toString(), "text", "mine now",
                    "conversationId", conversation.id().toString())).post("/v1/reminders").then().statusCode(404);
        }

        owner.request().get(path).then().statusCode(200).body("messages", hasSize(2));
        owner.restore(token).statusCode(200).body("conversation.messageCount", equalTo(2));
        owner.request().get("/v1/reminders").then().body("items.reminderId", org.hamcrest.Matchers.contains(reminder))
                .body("items[0].status", equalTo("pending"));
    }
}
