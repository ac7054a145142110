package dev.parley.gateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refused tokens reach the audit trail aggregated, with their reason and never a byte of the token. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class SecurityEventsTest {

    @Inject
    SecurityEvents events;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @Test
    void authenticationFailuresAreAggregatedPerReasonAndCaller() {
        String expired = TestTokens.expired();
        try (KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            events.flush();
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(expired).get("/api/v1/conversations").then().statusCode(401);
            }
            given().get("/api/v1/conversations").then().statusCode(401);
            events.flush();
            List<AuditEvent> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.size() < 2 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(200))) {
                    AuditEvent event = CloudEventEnvelope.data(CloudEventEnvelope.deserialize(record.value()), AuditEvent.class);
                    if (event.action().equals("auth.failed")) {
                        seen.add(event);
                        assertThat(new String(record.value())).doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
                    }
                }
            }
            assertThat(seen).extracting(e -> e.details().toString())
                    .anySatisfy(details -> assertThat(details).contains("count=3", "reason=expired"))
                    .anySatisfy(details -> assertThat(details).contains("count=1", "reason=missing"));
            assertThat(seen).allSatisfy(e -> {
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
                assertThat(e.actor()).as("the client address, hashed").matches("[0-9a-f]{64}");
            });
        }
    }
}
