package dev.parley.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.contracts.audit.AuditDeliveryException;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.AuditProducer;
import dev.parley.contracts.ids.TenantHasher;
import dev.parley.contracts.ids.UuidV7;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Completeness of the audit trail, measured against the running platform: what the services counted as audited
 * equals what the projection holds, action by action; and every event a producer saw confirmed survives a broker
 * outage and an audit-service restart exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditPipelineE2ETest {

    private static final Pattern COUNTER = Pattern.compile(
            "^audited_state_changes_total\\{[^}]*action=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)$");
    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/parley_audit";

    @Test
    @Order(1)
    void projectionCountsEqualTheServicesCountersActionByAction() throws Exception {
        String tenant = "recon-" + UUID.randomUUID();
        String tenantHash = TenantHasher.ofSecret(PlatformSmokeTest.DEV_TENANT_KEY).hash(tenant);
        String auditor = ParleyCli.token(tenant, "auditor");
        String user = ParleyCli.token(tenant, "user");
        Map<String, Double> before = counters();

        for (int i = 0; i < 3; i++) {
            given().port(8084).auth().oauth2(auditor).get("/v1/audit/events").then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            given().port(8084).auth().oauth2(auditor).get("/v1/audit/stats").then().statusCode(200);
        }
        given().port(8084).auth().oauth2(auditor).get("/v1/audit/verify").then().statusCode(200);
        given().port(8084).auth().oauth2(auditor).get("/v1/audit/export").then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            given().port(8084).auth().oauth2(user).get("/v1/audit/events").then().statusCode(403);
        }

        Map<String, Long> stored = Map.of();
        for (int i = 0; i < 100 && stored.values().stream().mapToLong(Long::longValue).sum() < 11; i++) {
            Thread.sleep(100);
            stored = storedByAction(tenantHash);
        }
        Map<String, Double> after = counters();
        Map<String, Long> counted = new HashMap<>();
        after.forEach((action, value) -> {
            long delta = Math.round(value - before.getOrDefault(action, 0.0));
            if (delta > 0) {
                counted.put(action, delta);
            }
        });
        assertThat(stored).isEqualTo(Map.of("audit.events.listed", 3L, "audit.stats.read", 2L, "audit.verified", 1L,
                "audit.exported", 1L, "access.denied", 4L));
        assertThat(counted).as("services' audited_state_changes_total deltas").isEqualTo(stored);
    }

    @Test
    @Order(2)
    void confirmedEventsSurviveABrokerOutageAndAnAuditRestartExactlyOnce() throws Exception {
        String tenant = "fault-" + UUID.randomUUID();
        String tenantHash = TenantHasher.ofSecret(PlatformSmokeTest.DEV_TENANT_KEY).hash(tenant);
        List<UUID> confirmed = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread stream;
        try (AuditProducer producer = new AuditProducer("127.0.0.1:9092", "parley.audit.v1", "e2e-fault",
                Duration.ofSeconds(3), Map.of())) {
            stream = Thread.ofPlatform().start(() -> {
                while (sending.get()) {
                    AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "e2e-fault", tenantHash, null,
                            "fault.probe", "probe", null, AuditEvent.Outcome.SUCCESS, null,
                            AuditDetails.builder().count("n", confirmed.size()).build());
                    try {
                        producer.sendConfirmed(event);
                        confirmed.add(event.eventId());
                    } catch (AuditDeliveryException notConfirmed) {
                        // the broker is away: this one does not count as recorded
                        refused.incrementAndGet();
                    }
                    pause(20);
                }
            });
            pause(3_000);
            int beforeOutage = confirmed.size();
            ParleyCli.run("stop", "kafka");
            pause(5_000);
            ParleyCli.run("up");
            pause(2_000);
            ParleyCli.run("stop", "audit");
            pause(2_000);
            ParleyCli.run("up");
            pause(2_000);
            sending.set(false);
            stream.join(15_000);
            assertThat(beforeOutage).as("events confirmed before the outage").isPositive();
            assertThat(refused.get()).as("sends refused while the broker was down (is it one ./parley started?)")
                    .isPositive();
            assertThat(confirmed.size()).as("events confirmed after it").isGreaterThan(beforeOutage);
        }

        long present = 0;
        for (int i = 0; i < 300 && present < confirmed.size(); i++) {
            present = countPresent(confirmed);
            if (present < confirmed.size()) {
                pause(200);
            }
        }
        assertThat(present).as("confirmed events in the projection").isEqualTo(confirmed.size());
        System.out.printf("fault test: %d events confirmed, %d refused while the broker was down; %d of the confirmed"
                + " in the projection after broker and audit-service restarts%n", confirmed.size(), refused.get(), present);
        assertThat(scalar("SELECT count(*) - count(DISTINCT event_id) FROM audit_event WHERE tenant_hash = ?", tenantHash))
                .as("duplicates").isZero();
        given().port(8084).auth().oauth2(ParleyCli.token(tenant, "auditor")).get("/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
    }

    private static Map<String, Double> counters() {
        Map<String, Double> sums = new HashMap<>();
        for (int port : PlatformSmokeTest.SERVICES.values()) {
            String metrics = given().port(port).accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            for (String line : metrics.lines().toList()) {
                Matcher matcher = COUNTER.matcher(line);
                if (matcher.matches()) {
                    sums.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
                }
            }
        }
        return sums;
    }

    private static Map<String, Long> storedByAction(String tenantHash) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT action, count(*) FROM audit_event WHERE tenant_hash = ? GROUP BY action")) {
            select.setString(1, tenantHash);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long countPresent(List<UUID> ids) throws Exception {
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM audit_event WHERE event_id = ANY (?)")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long scalar(String sql, String value) throws Exception {
        try (Connection connection = DriverManager.getConnection(DB, "parley", "parley");
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
