package dev.parley.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.AuditProducer;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.TenantHasher;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit pipeline end to end inside one service: events published to the real Kafka topic land in the real
 * PostgreSQL projection once each, hash-chained and checkpointed; the API reads, exports, counts and verifies them;
 * the database refuses changes; tampering is found. Every test uses a tenant of its own.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuditProjectionTest {

    private static final String DEV_TENANT_KEY = "dev-only-tenant-hash-key-never-in-production";
    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/parley_audit_test";
    private static AuditProducer producer;

    @BeforeAll
    static void connect() {
        TestTopics.ensureAuditTopic();
        producer = new AuditProducer(TestTopics.BOOTSTRAP, TestTopics.AUDIT, "test-producer", Duration.ofSeconds(20),
                Map.of());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    /** A tenant of this test: its id (for tokens) and its hash (in events). */
    record Tenant(String id, String hash) {
        static Tenant fresh() {
            String id = "tenant-" + UUID.randomUUID();
            return new Tenant(id, TenantHasher.ofSecret(DEV_TENANT_KEY).hash(id));
        }

        String auditor() {
            return TestTokens.valid(id, "auditor@example.test", Set.of("auditor"), List.of());
        }
    }

    private static AuditEvent event(Tenant tenant, String action, String resourceId, AuditEvent.Outcome outcome) {
        return new AuditEvent(UuidV7.next(), Instant.now(), "conversation", tenant.hash(), "c".repeat(64), action,
                "conversation", resourceId, outcome, "req-" + UUID.randomUUID(),
                AuditDetails.builder().count("messages", 2).flag("paged", false).build());
    }

    private static List<AuditEvent> publish(Tenant tenant, int count, String action) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditEvent event = event(tenant, action, "C-" + i, i % 3 == 0 ? AuditEvent.Outcome.DENIED : AuditEvent.Outcome.SUCCESS);
            producer.sendConfirmed(event);
            events.add(event);
        }
        return events;
    }

    private static long stored(Tenant tenant, String action) throws Exception {
        return scalar("SELECT count(*) FROM audit_event WHERE tenant_hash = ? AND action = ?", tenant.hash(), action);
    }

    private static void awaitStored(Tenant tenant, String action, long expected) throws Exception {
        for (int i = 0; i < 200 && stored(tenant, action) < expected; i++) {
            Thread.sleep(100);
        }
        assertThat(stored(tenant, action)).as("events of %s stored", action).isEqualTo(expected);
    }

    private static long scalar(String sql, Object... values) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void eachEventIsStoredOnceInAnUnbrokenCheckpointedChain() throws Exception {
        Tenant tenant = Tenant.fresh();
        List<AuditEvent> events = publish(tenant, 12, "conversation.created");
        producer.sendConfirmed(events.get(3)); // a producer retry after a lost acknowledgement
        producer.sendConfirmed(events.get(7));
        awaitStored(tenant, "conversation.created", 12);

        assertThat(scalar("SELECT max(seq) FROM audit_event WHERE tenant_hash = ?", tenant.hash())).isEqualTo(12);
        assertThat(scalar("SELECT count(*) FROM audit_checkpoint WHERE tenant_hash = ?", tenant.hash()))
                .as("a checkpoint every 5 events in tests").isGreaterThanOrEqualTo(2);
        given().auth().oauth2(tenant.auditor()).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("eventsChecked", equalTo(12))
                .body("firstBrokenLink", nullValue());
    }

    @Test
    void anIdleTenantsTailIsSealedByATimedCheckpoint() throws Exception {
        Tenant tenant = Tenant.fresh();
        publish(tenant, 3, "quiet.tenant"); // fewer than the 5 that trigger a checkpoint by count
        awaitStored(tenant, "quiet.tenant", 3);
        long sealed = 0;
        for (int i = 0; i < 100 && sealed == 0; i++) {
            Thread.sleep(100);
            sealed = scalar("SELECT count(*) FROM audit_checkpoint WHERE tenant_hash = ? AND seq = 3", tenant.hash());
        }
        assertThat(sealed).as("a checkpoint at seq 3 within the 2 s period").isEqualTo(1);
        given().auth().oauth2(tenant.auditor()).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("checkpointsChecked", equalTo(1));
    }

    @Test
    void listsFiltersAndPagesNewestFirst() throws Exception {
        Tenant tenant = Tenant.fresh();
        List<AuditEvent> events = publish(tenant, 7, "case.updated");
        awaitStored(tenant, "case.updated", 7);

        Response first = given().auth().oauth2(tenant.auditor())
                .queryParam("action", "case.updated").queryParam("limit", 4).get("/v1/audit/events");
        first.then().statusCode(200).body("items.size()", equalTo(4))
                .body("items[0].eventId", equalTo(events.get(6).eventId().toString()))
                .body("items[0].details.messages", equalTo(2));
        String cursor = first.path("nextCursor");
        given().auth().oauth2(tenant.auditor()).queryParam("action", "case.updated").queryParam("limit", 4)
                .queryParam("cursor", cursor).get("/v1/audit/events")
                .then().statusCode(200).body("items.size()", equalTo(3)).body("nextCursor", nullValue())
                .body("items[2].eventId", equalTo(events.get(0).eventId().toString()));
        given().auth().oauth2(tenant.auditor()).queryParam("action", "case.updated").queryParam("outcome", "denied")
                .get("/v1/audit/events").then().statusCode(200).body("items.size()", equalTo(3));
        given().auth().oauth2(tenant.auditor()).queryParam("resourceId", "C-5").get("/v1/audit/events")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].resourceId", equalTo("C-5"));
    }

    @Test
    void anotherTenantSeesNothing() throws Exception {
        Tenant tenant = Tenant.fresh();
        publish(tenant, 2, "secret.touched");
        awaitStored(tenant, "secret.touched", 2);
        given().auth().oauth2(Tenant.fresh().auditor()).queryParam("action", "secret.touched")
                .get("/v1/audit/events").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void badParametersAreProblemsNamingEachField() {
        given().auth().oauth2(Tenant.fresh().auditor())
                .queryParam("outcome", "maybe").queryParam("from", "last tuesday").queryParam("limit", 501)
                .queryParam("cursor", "not-a-cursor").get("/v1/audit/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("outcome", "from", "limit", "cursor"));
        given().auth().oauth2(Tenant.fresh().auditor()).queryParam("format", "xlsx").get("/v1/audit/export")
                .then().statusCode(400).body("errors[0].field", equalTo("format"));
    }

    @Test
    void onlyAuditorsAndAdminsReadAndARefusalIsAudited() throws Exception {
        Tenant tenant = Tenant.fresh();
        String user = TestTokens.valid(tenant.id(), "nosy@example.test", Set.of("user", "analyst"), List.of());
        given().auth().oauth2(user).get("/v1/audit/events").then().statusCode(403)
                .contentType("application/problem+json");
        awaitStored(tenant, "access.denied", 1);
        String admin = TestTokens.valid(tenant.id(), "root@example.test", Set.of("admin"), List.of());
        given().auth().oauth2(admin).queryParam("action", "access.denied").get("/v1/audit/events")
                .then().statusCode(200).body("items[0].outcome", equalTo("denied"))
                .body("items[0].resourceId", equalTo("/v1/audit/events"))
                .body("items[0].service", equalTo("audit"));
        awaitStored(tenant, "audit.events.listed", 1);
    }

    @Test
    void exportsStreamJsonLinesAndFormulaSafeCsv() throws Exception {
        Tenant tenant = Tenant.fresh();
        List<AuditEvent> events = publish(tenant, 3, "claim.flagged");
        AuditEvent hostile = new AuditEvent(UuidV7.next(), Instant.now(), "pipeline", tenant.hash(), null,
                "claim.flagged", "claim", "=cmd|'/c calc'!A0", AuditEvent.Outcome.SUCCESS, null, null);
        producer.sendConfirmed(hostile);
        awaitStored(tenant, "claim.flagged", 4);

        String jsonl = given().auth().oauth2(tenant.auditor()).queryParam("action", "claim.flagged")
                .get("/v1/audit/export").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();
        assertThat(jsonl.lines()).hasSize(4).first().asString().contains(events.get(0).eventId().toString());

        String csv = given().auth().oauth2(tenant.auditor()).queryParam("action", "claim.flagged")
                .queryParam("format", "csv").get("/v1/audit/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("seq,eventId,occurredAt");
        assertThat(lines.get(4)).contains(",'=cmd|'/c calc'!A0,").doesNotContain(",=cmd");
    }

    @Test
    void statsCountByServiceActionAndOutcome() throws Exception {
        Tenant tenant = Tenant.fresh();
        publish(tenant, 6, "job.started");
        awaitStored(tenant, "job.started", 6);
        given().auth().oauth2(tenant.auditor()).get("/v1/audit/stats").then().statusCode(200)
                .body("find { it.action == 'job.started' && it.outcome == 'denied' }.count", equalTo(2))
                .body("find { it.action == 'job.started' && it.outcome == 'success' }.count", equalTo(4));
    }

    @Test
    void theDatabaseRefusesChangesToAuditRecords() throws Exception {
        Tenant tenant = Tenant.fresh();
        publish(tenant, 1, "immutable.thing");
        awaitStored(tenant, "immutable.thing", 1);
        try (Connection runtime = DriverManager.getConnection(DB, "parley_audit_runtime", "dev-only-audit-runtime");
                Statement statement = runtime.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_event SET action = 'x' WHERE tenant_hash = '"
                    + tenant.hash() + "'")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event WHERE tenant_hash = '"
                    + tenant.hash() + "'")).hasMessageContaining("permission denied");
        }
        try (Connection owner = DriverManager.getConnection(DB, "parley", "parley");
                Statement statement = owner.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_event SET action = 'x' WHERE tenant_hash = '"
                    + tenant.hash() + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_event WHERE tenant_hash = '"
                    + tenant.hash() + "'")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_event")).hasMessageContaining("append-only");
        }
        assertThat(stored(tenant, "immutable.thing")).isEqualTo(1);
    }

    @Test
    void verifyFindsARowAlteredWithTheTriggerSwitchedOff() throws Exception {
        Tenant tenant = Tenant.fresh();
        List<AuditEvent> events = publish(tenant, 8, "record.kept");
        awaitStored(tenant, "record.kept", 8);
        // someone with the owner's rights switches the append-only trigger off for one transaction
        try (Connection owner = DriverManager.getConnection(DB, "parley", "parley");
                Statement statement = owner.createStatement()) {
            owner.setAutoCommit(false);
            statement.execute("SET LOCAL ROLE parley_audit_owner");
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            int changed = statement.executeUpdate("UPDATE audit_event SET outcome = 'success' WHERE tenant_hash = '"
                    + tenant.hash() + "' AND seq = 4");
            statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            owner.commit();
            assertThat(changed).isEqualTo(1);
        }
        given().auth().oauth2(tenant.auditor()).get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("firstBrokenLink.seq", equalTo(4))
                .body("firstBrokenLink.eventId", equalTo(events.get(3).eventId().toString()))
                .body("firstBrokenLink.reason", equalTo("content does not match its hash"));
    }

    @Test
    void recordsThatAreNotAuditEventsAreSetAsideWithoutStoppingTheStream() throws Exception {
        Tenant tenant = Tenant.fresh();
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", TestTopics.BOOTSTRAP,
                "key.serializer", StringSerializer.class.getName(), "value.serializer", ByteArraySerializer.class.getName()))) {
            raw.send(new ProducerRecord<>(TestTopics.AUDIT, tenant.hash(), "{oops".getBytes(StandardCharsets.UTF_8))).get();
            UUID id = UuidV7.next();
            Map<String, Object> legacy = Map.of("eventId", id.toString(), "occurredAt", Instant.now().toString(),
                    "service", "legacy", "tenantHash", tenant.hash(), "action", "legacy.did", "outcome", "success",
                    "details", Map.of("note", "free text with a name in it"));
            raw.send(new ProducerRecord<>(TestTopics.AUDIT, tenant.hash(), CloudEventEnvelope.serialize(
                    CloudEventEnvelope.wrap(id, Topics.AUDIT, "legacy.did", "legacy", Instant.now(), tenant.hash(),
                            null, legacy)))).get();
        }
        publish(tenant, 1, "after.garbage");
        awaitStored(tenant, "after.garbage", 1);
        awaitStored(tenant, "legacy.did", 1);
        assertThat(scalar("SELECT count(*) FROM audit_event WHERE tenant_hash = ? AND details->>'note' = 'MASKED'",
                tenant.hash())).isEqualTo(1);
        assertThat(scalar("SELECT count(*) FROM audit_ingest_rejection WHERE reason = 'not a structured CloudEvent'"))
                .isGreaterThanOrEqualTo(1);
    }
}
