package dev.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.conversation.ConversationClient.Opened;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conversation API against the real PostgreSQL, Redis and Kafka; redaction by the real PII engine. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class ConversationApiTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @AfterEach
    void complianceBack() {
        ComplianceDouble.DOWN.set(false);
    }

    @Test
    void aConversationSurvivesAPageRefreshThroughItsTokenAlone() {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        String token = alice.exchange(conversation, conversation.token(), "How many open claims does provider P-1 have?",
                "Provider P-1 has 3 open claims.");
        token = alice.exchange(conversation, token, "And closed?", "12 closed claims.");

        alice.restore(token).statusCode(200)
                .body("conversation.conversationId", equalTo(conversation.id().toString()))
                .body("conversation.title", equalTo("How many open claims does provider P-1 have?"))
                .body("conversation.messageCount", equalTo(4))
                .body("messages.seq", contains(1, 2, 3, 4))
                .body("messages.role", contains("user", "assistant", "user", "assistant"))
                .body("messages[1].confidence", equalTo("high"))
                .body("messages[1].sources[0].id", equalTo("CLM-1"))
                .body("conversationToken", org.hamcrest.Matchers.startsWith("v1.k1."));

        alice.restore(token).statusCode(200).body("messages", hasSize(4));
        alice.request().queryParam("limit", 3).body(Map.of("conversationToken", token)).post("/v1/conversations/restore")
                .then().statusCode(200).body("messages.seq", contains(2, 3, 4));
    }

    @Test
    void turnsGetGapFreeSequenceNumbersEvenWhenTheyRace() throws Exception {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Integer>>> turns = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                turns.add(() -> alice.turn(conversation.id(), conversation.token(), List.of(
                                Map.of("role", "user", "content", "question " + n),
                                Map.of("role", "assistant", "content", "answer " + n)))
                        .statusCode(200).extract().path("seqs"));
            }
            List<Integer> seqs = new ArrayList<>();
            for (Future<List<Integer>> turn : pool.invokeAll(turns)) {
                List<Integer> pair = turn.get();
                assertThat(pair.get(1)).as("a turn's two messages are adjacent").isEqualTo(pair.get(0) + 1);
                seqs.addAll(pair);
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 48).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        alice.request().queryParam("limit", 4).get("/v1/conversations/" + conversation.id() + "/history").then()
                .statusCode(200).body("messages.seq", contains(45, 46, 47, 48));
    }

    @Test
    void aTurnIsAllOrNothing() {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "user", "content", "fine"),
                        Map.of("role", "wizard", "content", "bad role")))
                .statusCode(400).body("errors[0].field", equalTo("messages[1].role"));
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "user", "content", "x".repeat(32_001))))
                .statusCode(413).body("type", containsString("payload-too-large"));
        alice.turn(conversation.id(), conversation.token(), List.of()).statusCode(400);
        alice.request().get("/v1/conversations/" + conversation.id()).then().statusCode(200)
                .body("messages", hasSize(0)).body("conversation.messageCount", equalTo(0));
        alice.exchange(conversation, conversation.token(), "q", "a");
        alice.request().get("/v1/conversations/" + conversation.id()).then().body("messages.seq", contains(1, 2));
    }

    @Test
    void messagesPageBackwardsAndTheListPagesByCursor() {
        ConversationClient alice = ConversationClient.fresh();
        Opened first = alice.openGlobal();
        String token = first.token();
        for (int i = 0; i < 5; i++) {
            token = alice.exchange(first, token, "q" + i, "a" + i);
        }
        var page = alice.request().queryParam("limit", 4).get("/v1/conversations/" + first.id()).then().statusCode(200)
                .body("messages.seq", contains(7, 8, 9, 10)).body("nextBefore", equalTo(7)).extract();
        alice.request().queryParam("limit", 4).queryParam("before", 7).get("/v1/conversations/" + first.id()).then()
                .body("messages.seq", contains(3, 4, 5, 6));
        alice.request().queryParam("limit", 4).queryParam("before", 3).get("/v1/conversations/" + first.id()).then()
                .body("messages.seq", contains(1, 2)).body("nextBefore", nullValue());
        assertThat(page.<Integer>path("nextBefore")).isEqualTo(7);

        List<String> ids = new ArrayList<>();
        ids.add(first.id().toString());
        for (int i = 0; i < 4; i++) {
            ids.add(alice.openGlobal().id().toString());
        }
        var one = alice.request().queryParam("workspaceId", "ws-1").queryParam("limit", 3).get("/v1/conversations")
                .then().statusCode(200).body("items", hasSize(3)).extract();
        String cursor = one.path("nextCursor");
        var two = alice.request().queryParam("workspaceId", "ws-1").queryParam("limit", 3).queryParam("cursor", cursor)
                .get("/v1/conversations").then().statusCode(200).body("items", hasSize(2))
                .body("nextCursor", nullValue()).extract();
        List<String> listed = new ArrayList<>(one.path("items.conversationId"));
        listed.addAll(two.path("items.conversationId"));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listed.get(0)).as("newest first").isEqualTo(ids.get(ids.size() - 1));
        alice.request().queryParam("workspaceId", "ws-1").queryParam("cursor", "bm9wZQ").get("/v1/conversations")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aDeletedConversationIsGoneForEveryPathAndItsTokenStopsWorking() {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        String token = alice.exchange(conversation, conversation.token(), "q", "a");
        alice.request().delete("/v1/conversations/" + conversation.id()).then().statusCode(204);

        alice.restore(token).statusCode(404).body("type", containsString("not-found"));
        alice.turn(conversation.id(), token, List.of(Map.of("role", "user", "content", "again?"))).statusCode(404);
        alice.request().get("/v1/conversations/" + conversation.id()).then().statusCode(404);
        alice.request().get("/v1/conversations/" + conversation.id() + "/history").then().statusCode(404);
        alice.request().delete("/v1/conversations/" + conversation.id()).then().statusCode(404);
        long messages = pool.preparedQuery("SELECT count(*) FROM message WHERE conversation_id = $1")
                .execute(Tuple.of(conversation.id())).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(messages).as("soft delete keeps rows until the purge").isEqualTo(2);
    }

    @Test
    void aTokenForAnotherConversationCannotAppendToThisOne() {
        ConversationClient alice = ConversationClient.fresh();
        Opened one = alice.openGlobal();
        Opened two = alice.openGlobal();
        alice.turn(two.id(), one.token(), List.of(Map.of("role", "user", "content", "hi"))).statusCode(404);
        alice.turn(one.id(), one.token().substring(0, one.token().length() - 3) + "AAA",
                List.of(Map.of("role", "user", "content", "hi"))).statusCode(404);
        alice.request().get("/v1/conversations/" + two.id()).then().body("messages", hasSize(0));
    }

    @Test
    void pageModeReusesThePagesConversationAndStoresARedactedContext() {
        ConversationClient alice = ConversationClient.fresh();
        Map<String, Object> context = Map.of("resourceType", "claim", "resourceId", "CLM-77", "pageKey", "/claims/CLM-77",
                "facts", Map.of("status", "pended", "amount", 1200.456, "memberNote", "Call Maria Gonzalez at (415) 555-0134"));
        var first = alice.open(Map.of("workspaceId", "ws-1", "mode", "page", "pageContext", context)).statusCode(201)
                .body("reused", equalTo(false))
                .body("pageContext.summary", containsString("Page context: claim CLM-77 (page /claims/CLM-77)"))
                .body("pageContext.summary", containsString("- amount: 1200.46"))
                .body("pageContext.facts.memberNote", containsString("[PHONE]"))
                .body("pageContext.facts.memberNote", not(containsString("555-0134")))
                .body("pageContext.summary", not(containsString("555-0134")))
                .extract();
        alice.open(Map.of("workspaceId", "ws-1", "mode", "page", "pageContext", context)).statusCode(200)
                .body("reused", equalTo(true))
                .body("conversationId", equalTo(first.path("conversationId")));
        alice.open(Map.of("workspaceId", "ws-1", "mode", "page", "pageContext", Map.of("resourceType", "claim",
                        "resourceId", "CLM-78", "pageKey", "/claims/CLM-78"))).statusCode(201)
                .body("conversationId", not(equalTo(first.path("conversationId"))));

        String stored = pool.preparedQuery("SELECT facts::text FROM page_context WHERE conversation_id = $1")
                .execute(Tuple.of(UUID.fromString(first.path("conversationId")))).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0);
        assertThat(stored).contains("pended").doesNotContain("555-0134");
    }

    @Test
    void pageContextChangesAreDetectedByHashAndCached() {
        ConversationClient alice = ConversationClient.fresh();
        Opened conversation = alice.openGlobal();
        Map<String, Object> context = Map.of("resourceType", "case", "resourceId", "CASE-1", "facts", Map.of("stage", "review"));
        String path = "/v1/conversations/" + conversation.id() + "/page-context";
        String hash = alice.request().body(Map.of("pageContext", context)).put(path).then().statusCode(200)
                .body("changed", equalTo(true)).body("summary", containsString("- stage: review"))
                .extract().path("contextHash");
        assertThat(hash).hasSize(64);
        int calls = ComplianceDouble.CALLS.get();
        alice.request().body(Map.of("pageContext", context)).put(path).then().statusCode(200)
                .body("changed", equalTo(false)).body("contextHash", equalTo(hash));
        assertThat(ComplianceDouble.CALLS.get()).as("an unchanged page is served from the cache").isEqualTo(calls);
        alice.request().body(Map.of("pageContext", context, "forceRefresh", true)).put(path).then().statusCode(200)
                .body("contextHash", equalTo(hash));
        assertThat(ComplianceDouble.CALLS.get()).as("forceRefresh redacts again").isEqualTo(calls + 1);
        alice.request().body(Map.of("pageContext", Map.of("resourceType", "case", "resourceId", "CASE-1",
                "facts", Map.of("stage", "closed")))).put(path).then().statusCode(200)
                .body("changed", equalTo(true)).body("contextHash", not(equalTo(hash)));
        alice.request().body(Map.of("pageContext", Map.of("resourceId", "CASE-1", "facts", List.of(1)))).put(path)
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("pageContext.resourceType", "pageContext.facts"));
    }

    @Test
    void withoutRedactionNothingIsStored() {
        ConversationClient alice = ConversationClient.fresh();
        ComplianceDouble.DOWN.set(true);
        alice.open(Map.of("workspaceId", "ws-1", "mode", "page", "pageContext", Map.of("resourceType", "claim",
                        "resourceId", "CLM-9", "pageKey", "/claims/CLM-9", "facts", Map.of("note", "anything"))))
                .statusCode(503).body("type", containsString("unavailable"));
        alice.request().queryParam("workspaceId", "ws-1").get("/v1/conversations").then().statusCode(200)
                .body("items", hasSize(0));
        alice.request().body(Map.of("dueAt", java.time.Instant.now().plusSeconds(3600).toString(), "text", "call back"))
                .post("/v1/reminders").then().statusCode(503);
        alice.request().get("/v1/reminders").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void requestsAreCheckedFieldByField() {
        ConversationClient alice = ConversationClient.fresh();
        alice.open(Map.of("workspaceId", "ws-1", "mode", "sideways")).statusCode(400).body("errors[0].field", containsString("mode"));
        alice.open(Map.of("workspaceId", "ws-1", "mode", "page")).statusCode(400).body("errors[0].field", equalTo("pageContext"));
        alice.open(Map.of("workspaceId", "ws-2", "mode", "global")).statusCode(403);
        alice.request().body("{\"workspaceId\": ").post("/v1/conversations").then().statusCode(400)
                .body("type", containsString("malformed-json"));
        alice.request().queryParam("workspaceId", "ws-1").queryParam("limit", 1000).get("/v1/conversations").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        alice.restore("not-a-token").statusCode(404);
        alice.request().get("/v1/conversations/not-a-uuid").then().statusCode(404);
        alice.request().queryParam("workspaceId", "ws-2").get("/v1/conversations").then().statusCode(403);

        Opened conversation = alice.openGlobal();
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "user", "content", "a\u0000b")))
                .statusCode(400).body("errors[0].field", equalTo("messages[0].content"));
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "assistant", "content", "x",
                "sources", List.of(Map.of("note", "n\u0000"))))).statusCode(400).body("errors[0].field", equalTo("messages[0].sources"));
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "assistant", "content", "x",
                "usage", Map.of("blob", "u".repeat(70_000))))).statusCode(413);
        alice.turn(conversation.id(), conversation.token(), List.of(Map.of("role", "assistant", "content", "x",
                "model", "m".repeat(200)))).statusCode(400).body("errors[0].field", equalTo("messages[0].model"));
        alice.request().queryParam("before", 0).get("/v1/conversations/" + conversation.id()).then().statusCode(400)
                .body("errors[0].field", equalTo("before"));
        alice.request().body(Map.of("dueAt", java.time.Instant.now().plus(java.time.Duration.ofDays(4000)).toString(),
                "text", "far")).post("/v1/reminders").then().statusCode(400).body("errors[0].field", equalTo("dueAt"));
        alice.request().body(Map.of("dueAt", java.time.Instant.now().plusSeconds(60).toString(), "text", "a\u0000"))
                .post("/v1/reminders").then().statusCode(400).body("errors[0].field", equalTo("text"));
        alice.request().get("/v1/conversations/" + conversation.id()).then().statusCode(200).body("messages", hasSize(0));
    }
}
