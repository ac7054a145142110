package dev.parley.compliance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compliance API with the real Redis vault and Kafka audit topic. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class ComplianceApiTest {

    private static final String MESSAGE = "Hi, I'm reachable at jane.roe@example.org, SSN 219-45-6789.";

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    private static String token(String tenant) {
        return TestTokens.valid(tenant, "agent@example.test", Set.of("user"), List.of("ws-1"));
    }

    @Test
    void scanReportsTypesAndSpansWithoutValues() {
        given().auth().oauth2(token("t-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("text", MESSAGE)).post("/v1/scan")
                .then().statusCode(200)
                .body("findings.type", hasItem("EMAIL"))
                .body("findings.find { it.type == 'EMAIL' }.start", equalTo(21))
                .body("findings.find { it.type == 'EMAIL' }.end", equalTo(41))
                .body(not(containsString("jane.roe")));
    }

    @Test
    void tokenizeThenDetokenizeOnlyInTheSameTenantAndConversation() {
        String tenant = "t-" + UUID.randomUUID();
        String conversation = UUID.randomUUID().toString();
        String scrubbed = given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("text", MESSAGE, "operator", "tokenize", "conversationId", conversation))
                .post("/v1/scrub").then().statusCode(200)
                .body("text", not(containsString("jane.roe")))
                .body("text", containsString("\u27E6EMAIL_1\u27E7"))
                .body("findings.find { it.type == 'EMAIL' }.placeholder", equalTo("\u27E6EMAIL_1\u27E7"))
                .body("stats.EMAIL", equalTo(1))
                .extract().path("text");

        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("text", scrubbed, "conversationId", conversation)).post("/v1/detokenize")
                .then().statusCode(200).body("text", equalTo(MESSAGE));
        given().auth().oauth2(token("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("text", scrubbed, "conversationId", conversation)).post("/v1/detokenize")
                .then().statusCode(200).body("text", equalTo(scrubbed));
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("text", scrubbed, "conversationId", UUID.randomUUID().toString())).post("/v1/detokenize")
                .then().statusCode(200).body("text", equalTo(scrubbed));

        for (String key : redis.key().keys("parley:vault:*")) {
            if (!key.contains(":n:") && !key.endsWith(":audit-outbox")) {
                assertThat(redis.value(String.class).get(key)).as(key).doesNotContain("jane.roe");
            }
            assertThat(key).doesNotContain("jane.roe");
        }
    }

    @Test
    void scrubbingIsAuditedWithCountsOnly() {
        String tenant = "t-" + UUID.randomUUID();
        String tenantHash = dev.parley.contracts.ids.TenantHasher.ofSecret("dev-only-tenant-hash-key-never-in-production")
                .hash(tenant);
        try (KafkaConsumer<String, byte[]> consumer = TestTopics.tailAudit()) {

            given().auth().oauth2(token(tenant)).contentType(ContentType.JSON).body(Map.of("text", MESSAGE))
                    .post("/v1/scrub").then().statusCode(200).body("text", containsString("[EMAIL]"));

            String event = null;
            for (int i = 0; i < 50 && event == null; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (tenantHash.equals(record.key()) && value.contains("pii.scrubbed")) {
                        event = value;
                    }
                }
            }
            assertThat(event).isNotNull().contains("\"email\":1").contains("\"operator\":\"REDACT\"")
                    .doesNotContain("jane.roe").doesNotContain("219-45");
        }
    }

    @Test
    void unknownChoicesAreProblemsNamingTheField() {
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("text", "x", "level", "paranoid"))
                .post("/v1/scrub").then().statusCode(400).body("errors[0].field", equalTo("level"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("text", "x", "operator", "shred"))
                .post("/v1/scrub").then().statusCode(400).body("errors[0].field", equalTo("operator"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON)
                .body(Map.of("text", "x", "level", "loud", "operator", "burn")).post("/v1/scrub")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("level", "operator"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("text", MESSAGE, "operator", "tokenize"))
                .post("/v1/scrub").then().statusCode(400).body("errors[0].field", equalTo("conversationId"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("level", "strict"))
                .post("/v1/scan").then().statusCode(400).body("errors.field", hasItem("body.text"));
        String big = "a".repeat(1_100_000);
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("text", big))
                .post("/v1/scan").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void payloadScanNamesTheJsonPath() {
        given().auth().oauth2(token("t-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("json", Map.of("messages", List.of(Map.of("role", "user", "content", MESSAGE)))))
                .post("/v1/scan/payload").then().statusCode(200)
                .body("findings.path", hasItem("$['messages'][0]['content']"));
        given().auth().oauth2(token("t-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("json", Map.of("jane.roe@example.org", Map.of("note", "call 415-555-0134"))))
                .post("/v1/scan/payload").then().statusCode(200)
                .body("findings.path", hasItem("$[#0].key")).body("findings.path", hasItem("$[#0]['note']"))
                .body(not(containsString("jane.roe")));
        String deep = "{\"a\":".repeat(70) + "1" + "}".repeat(70);
        given().auth().oauth2(token("t-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body("{\"json\":" + deep + "}").post("/v1/scan/payload").then().statusCode(400)
                .body("errors[0].field", equalTo("json"));
    }

    @Test
    void fieldEncryptionIsBoundToTenantAndFieldAndRefusesTampering() {
        String tenant = "t-" + UUID.randomUUID();
        String ciphertext = given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "plaintext", "Roe")).post("/v1/crypto/encrypt")
                .then().statusCode(200).body("kid", equalTo("k1")).extract().path("ciphertext");
        assertThat(ciphertext).startsWith("v1.k1.").doesNotContain("Roe");

        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", ciphertext)).post("/v1/crypto/decrypt")
                .then().statusCode(200).body("plaintext", equalTo("Roe"));
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.firstName", "ciphertext", ciphertext)).post("/v1/crypto/decrypt")
                .then().statusCode(422).body("detail", containsString("another tenant or field"));
        given().auth().oauth2(token("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", ciphertext)).post("/v1/crypto/decrypt")
                .then().statusCode(422);
        // flip one bit of the sealed bytes (not a base64 character: the last one may only carry padding bits)
        String[] parts = ciphertext.split("\\.");
        byte[] sealed = java.util.Base64.getUrlDecoder().decode(parts[3]);
        sealed[0] ^= 1;
        String tampered = parts[0] + "." + parts[1] + "." + parts[2] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", tampered)).post("/v1/crypto/decrypt")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", "v1.k9.AAAA.BBBB")).post("/v1/crypto/decrypt")
                .then().statusCode(422).body("detail", containsString("unknown key id"));
        String rotated = given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", ciphertext)).post("/v1/crypto/reencrypt")
                .then().statusCode(200).extract().path("ciphertext");
        assertThat(rotated).isNotEqualTo(ciphertext).startsWith("v1.k1.");
    }

    @Test
    void batchEncryptionSealsEachValueForTheTenantAndItsFieldInOrder() {
        String tenant = "t-" + UUID.randomUUID();
        List<Map<String, String>> items = List.of(
                Map.of("field", "member.firstName", "plaintext", "Jane"),
                Map.of("field", "member.lastName", "plaintext", "Roe"),
                Map.of("field", "member.dateOfBirth", "plaintext", "1980-02-29"),
                Map.of("field", "member.lastName", "plaintext", "Roe"),
                Map.of("field", "member.firstName", "plaintext", ""));
        var answer = given().auth().oauth2(token(tenant)).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/v1/crypto/encrypt/batch").then().statusCode(200)
                .body("kid", equalTo("k1")).body("items.size()", equalTo(5))
                .body(not(containsString("Jane"))).body(not(containsString("1980")))
                .extract();
        List<String> ciphertexts = answer.path("items.ciphertext");
        assertThat(ciphertexts).allSatisfy(c -> assertThat(c).startsWith("v1.k1."));
        assertThat(ciphertexts.get(1)).as("a fresh nonce per value").isNotEqualTo(ciphertexts.get(3));
        for (int i = 0; i < items.size(); i++) {
            given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                    .body(Map.of("field", items.get(i).get("field"), "ciphertext", ciphertexts.get(i)))
                    .post("/v1/crypto/decrypt").then().statusCode(200).body("plaintext", equalTo(items.get(i).get("plaintext")));
        }
        given().auth().oauth2(token(tenant)).contentType(ContentType.JSON)
                .body(Map.of("field", "member.lastName", "ciphertext", ciphertexts.get(0))).post("/v1/crypto/decrypt")
                .then().statusCode(422);
        given().auth().oauth2(token("other-" + UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("field", "member.firstName", "ciphertext", ciphertexts.get(0))).post("/v1/crypto/decrypt")
                .then().statusCode(422);
    }

    @Test
    void batchEncryptionIsCappedAndValidated() {
        List<Map<String, String>> tooMany = java.util.Collections.nCopies(1001, Map.of("field", "member.lastName", "plaintext", "x"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("items", tooMany))
                .post("/v1/crypto/encrypt/batch").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://parley.dev/problems/validation"))
                .body("errors.field", hasItem("body.items"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON)
                .body(Map.of("items", java.util.Collections.nCopies(1000, Map.of("field", "member.lastName", "plaintext", "x"))))
                .post("/v1/crypto/encrypt/batch").then().statusCode(200).body("items.size()", equalTo(1000));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body(Map.of("items", List.of()))
                .post("/v1/crypto/encrypt/batch").then().statusCode(400).body("errors.field", hasItem("body.items"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON).body("{}")
                .post("/v1/crypto/encrypt/batch").then().statusCode(400).body("errors.field", hasItem("body.items"));
        given().auth().oauth2(token("t")).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("field", "member.lastName", "plaintext", "x"),
                        Map.of("field", "not a field!", "plaintext", "Roe"), Map.of("field", "member.lastName"))))
                .post("/v1/crypto/encrypt/batch").then().statusCode(400)
                .body("errors.field", hasItem("body.items[1].field"))
                .body("errors.field", hasItem("body.items[2].plaintext"))
                .body(not(containsString("Roe")));
        given().contentType(ContentType.JSON).body(Map.of("items", List.of(Map.of("field", "member.lastName", "plaintext", "x"))))
                .post("/v1/crypto/encrypt/batch").then().statusCode(401);
        String big = "a".repeat(1_100_000);
        given().auth().oauth2(token("t")).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("field", "member.lastName", "plaintext", big))))
                .post("/v1/crypto/encrypt/batch").then().statusCode(413).contentType("application/problem+json");
    }
}
