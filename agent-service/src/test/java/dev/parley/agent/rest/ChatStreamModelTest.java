package dev.parley.agent.rest;

import static dev.parley.agent.rest.ChatCalls.message;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.ServiceDoubles;
import dev.parley.agent.llm.OpenAiWire;
import dev.parley.agent.llm.RawChatServer;
import dev.parley.agent.llm.RawModelResource;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed turns against a model on a raw socket: tokens reach the user with placeholders restored even when a
 * placeholder is split across chunks; a model stream that breaks after tokens ends in one {@code error} event and
 * stores nothing; a client that goes away cancels the model call and the cancellation is audited.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@QuarkusTestResource(value = RawModelResource.class, restrictToAnnotatedClass = true)
class ChatStreamModelTest {

    private static final String USER = TestTokens.valid("tenant-stream", "sam@example.test", Set.of("user"),
            List.of("ws-1"));

    @TestHTTPResource("/v1/chat/stream")
    URL stream;

    @BeforeAll
    static void auditTopic() {
        TestTopics.ensureAuditTopic();
    }

    @BeforeEach
    void reset() {
        ServiceDoubles.reset();
    }

    @Test
    void tokensReachTheUserWithPlaceholdersRestoredEvenWhenSplit() throws Exception {
        RawModelResource.model.play(OpenAiWire.concat(
                OpenAiWire.textChunks(List.of("I will write to ", "\u27E6EMA", "IL_1\u27E7", " about it."), true),
                List.of(OpenAiWire.usageChunk(20, 6))), RawChatServer.Ending.CLOSE);

        String events = given().auth().oauth2(USER).contentType(ContentType.JSON).accept("text/event-stream")
                .body(message("Why would bob.tanaka@example.org say that audits matter, in your opinion?"))
                .post("/v1/chat/stream").then().statusCode(200).extract().asString();

        assertThat(events).contains("event:meta").doesNotContain("event:error");
        assertThat(events.split("event:done", -1)).hasSize(2);
        StringBuilder streamed = new StringBuilder();
        String event = "";
        for (String line : events.split("\n")) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && event.equals("token")) {
                streamed.append(OpenAiWire.JSON.readTree(line.substring(5)).path("text").asText());
            }
        }
        assertThat(streamed.toString()).isEqualTo("I will write to bob.tanaka@example.org about it.");
        assertThat(events).doesNotContain("\u27E6EMA").contains("\"reply\":\"I will write to bob.tanaka@example.org about it.\"");
        assertThat(RawModelResource.model.requestBody).doesNotContain("bob.tanaka");
        assertThat(OpenAiWire.JSON.readTree(RawModelResource.model.requestBody).path("stream").asBoolean()).isTrue();
    }

    @Test
    void aModelStreamThatBreaksAfterTokensEndsInOneErrorAndStoresNothing() {
        RawModelResource.model.play(OpenAiWire.textChunks(List.of("Part ", "of ", "an ", "answer"), false),
                RawChatServer.Ending.DROP);

        String events = given().auth().oauth2(USER).contentType(ContentType.JSON).accept("text/event-stream")
                .body(message("Why do some providers bill more on Mondays than on other days?"))
                .post("/v1/chat/stream").then().statusCode(200).extract().asString();

        assertThat(events).contains("event:token").doesNotContain("event:done");
        assertThat(events.split("event:error", -1)).hasSize(2);
        assertThat(events).contains("\"code\":\"bad-gateway\"");
        assertThat(ServiceDoubles.Conversations.CONVERSATIONS.values()).allMatch(c -> c.messages.isEmpty());
    }

    @Test
    void aClientThatGoesAwayCancelsTheModelCallAndTheCancellationIsAudited() throws Exception {
        RawModelResource.model.play(OpenAiWire.textChunks(List.of("Thinking ", "about ", "it"), false),
                RawChatServer.Ending.HOLD);
        try (KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            String conversationId;
            try (Socket client = new Socket(stream.getHost(), stream.getPort())) {
                client.setSoTimeout(10_000);
                String body = "{\"workspaceId\":\"ws-1\",\"message\":\"Why do claims spike before holidays in your view?\"}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = client.getOutputStream();
                out.write(("POST " + stream.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + USER
                        + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                List<String> seen = new ArrayList<>();
                String line;
                conversationId = null;
                while ((line = in.readLine()) != null && !line.contains("event:token")) {
                    seen.add(line);
                    Matcher id = Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"").matcher(line);
                    if (id.find()) {
                        conversationId = id.group(1);
                    }
                }
                assertThat(line).as("a token arrived before the client left: " + seen).isNotNull();
                assertThat(conversationId).isNotNull();
            }
            assertThat(RawModelResource.model.disconnected.await(10, TimeUnit.SECONDS))
                    .as("the model call was cancelled when the client went away").isTrue();

            String cancelled = null;
            for (int i = 0; i < 50 && cancelled == null; i++) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains("chat.turn.cancelled") && value.contains(conversationId)) {
                        cancelled = value;
                    }
                }
            }
            assertThat(cancelled).as("chat.turn.cancelled for " + conversationId).isNotNull();
            assertThat(ServiceDoubles.Conversations.CONVERSATIONS.get(java.util.UUID.fromString(conversationId)).messages)
                    .isEmpty();
        }
    }
}
