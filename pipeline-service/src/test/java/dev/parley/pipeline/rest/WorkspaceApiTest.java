package dev.parley.pipeline.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.parley.contracts.ids.TenantHasher;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read API and the case actions over a workspace seeded in the real database: statistics, case pages and
 * filters, case detail, provider, runs, status and assignee changes and comments with their audit events, and
 * isolation between tenants and workspaces.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class WorkspaceApiTest {

    private static final String WS = "ws-read";
    private static final String NPI_A = "1234567893";
    private static final String NPI_B = "1245319599";
    private static final String NPI_C = "1003000126";

    @Inject
    Pool pool;

    private String tenant;
    private String user;
    private String analyst;

    @BeforeEach
    void seed() {
        tenant = "t-" + UUID.randomUUID();
        user = TestTokens.valid(tenant, "uma@example.test", Set.of("user"), List.of(WS));
        analyst = TestTokens.valid(tenant, "ann@example.test", Set.of("user", "analyst"), List.of(WS));
        long ws = seedWorkspace(hash(tenant), WS);
        // a second tenant with a workspace of the same name, and no data: it must see none of the first one's
        one("INSERT INTO workspace (tenant_hash, workspace_id) VALUES ($1, $2) RETURNING ws_key", Tuple.of(hash("other-" + tenant), WS));
        assertThat(ws).isPositive();
    }

    @Test
    void statsCountEverything() {
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/stats").then().statusCode(200)
                .body("claims.medical", equalTo(4)).body("claims.pharmacy", equalTo(1))
                .body("claims.unprocessed", equalTo(1)).body("claims.qualityFailed", equalTo(1))
                .body("providers", equalTo(3)).body("members", equalTo(0)).body("ruleHits", equalTo(4))
                .body("cases.total", equalTo(3)).body("cases.byRiskLevel.critical", equalTo(1))
                .body("cases.byRiskLevel.medium", equalTo(2)).body("cases.byStatus.open", equalTo(2))
                .body("cases.byStatus.closed", equalTo(1))
                .body("lastRun.status", equalTo("completed")).body("lastRun.claimsProcessed", equalTo(4));
        given().auth().oauth2(TestTokens.valid(tenant, "u", Set.of("user"), List.of("ws-empty")))
                .get("/v1/workspaces/ws-empty/stats").then().statusCode(200).body("claims.medical", equalTo(0))
                .body("lastRun", nullValue());
    }

    @Test
    void statsFollowAChangeThisInstanceCommitsAtOnceAndAnyOtherWithinTheirMaxAge() {
        String stats = "/v1/workspaces/" + WS + "/stats";
        given().auth().oauth2(user).get(stats).then().statusCode(200).body("cases.byStatus.open", equalTo(2));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(200);
        // counted again at once, although the counts read before the change are younger than their max age
        given().auth().oauth2(user).get(stats).then().statusCode(200).body("cases.byStatus.open", equalTo(1))
                .body("cases.byStatus.closed", equalTo(2));

        // a change committed elsewhere (another replica, here straight in the database) shows once the counts age out
        exec("UPDATE investigation_case SET status = 'open' WHERE ws_key = (SELECT ws_key FROM workspace"
                + " WHERE tenant_hash = $1 AND workspace_id = $2)", Tuple.of(hash(tenant), WS));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int open;
        do {
            open = given().auth().oauth2(user).get(stats).then().statusCode(200).extract().path("cases.byStatus.open");
        } while (open != 3 && System.nanoTime() < deadline && sleep(200));
        assertThat(open).isEqualTo(3);
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void casesComeHighestRiskFirstAPageAtATime() {
        var first = given().auth().oauth2(user).queryParam("limit", 2).get("/v1/workspaces/" + WS + "/cases")
                .then().statusCode(200).body("items.caseId", contains("CASE-000002", "CASE-000001"))
                .body("items[0].providerName", equalTo("Dr. Bee")).body("items[0].riskLevel", equalTo("critical"))
                .extract();
        String cursor = first.path("nextCursor");
        assertThat(cursor).isNotBlank();
        given().auth().oauth2(user).queryParam("limit", 2).queryParam("cursor", cursor).get("/v1/workspaces/" + WS + "/cases")
                .then().statusCode(200).body("items.caseId", contains("CASE-000003")).body("nextCursor", nullValue());
        given().auth().oauth2(user).queryParam("riskLevel", "medium").queryParam("status", "open")
                .get("/v1/workspaces/" + WS + "/cases").then().statusCode(200).body("items.caseId", contains("CASE-000001"));
        given().auth().oauth2(user).queryParam("riskLevel", "extreme").queryParam("limit", 0)
                .get("/v1/workspaces/" + WS + "/cases").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("riskLevel", "limit"));
        given().auth().oauth2(user).queryParam("cursor", "not-ours").get("/v1/workspaces/" + WS + "/cases")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCaseComesWithItsRulesEvidenceAndComments() {
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/cases/CASE-000002").then().statusCode(200)
                .body("summary.providerNpi", equalTo(NPI_B)).body("summary.riskScore", equalTo(85.0f))
                .body("rules.ruleId", contains("RULE-MED-001", "RULE-MED-003"))
                .body("rules[0].hits", equalTo(2)).body("rules[0].points.toFloat()", equalTo(30.0f))
                .body("evidence.claimId", contains("MC-2", "MC-3")).body("evidence[0].ruleIds", contains("RULE-MED-001"))
                .body("evidence[0].code", equalTo("99215")).body("evidenceCount", equalTo(2))
                .body("comments", hasSize(0));
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/cases/CASE-999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/cases/not-a-case").then().statusCode(400);
    }

    @Test
    void analystsMoveAndAssignCasesAndEveryChangeIsAudited() {
        audit = TestTopics.tailAudit();
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(Map.of("status", "in_review", "assignee", "ann@example.test"))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(200)
                .body("summary.status", equalTo("in_review")).body("summary.assignee", equalTo("ann@example.test"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("assignee", ""))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(200)
                .body("summary.assignee", nullValue()).body("summary.status", equalTo("in_review"));
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(403);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of("status", "deleted"))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(Map.of())
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(400);
        given().auth().oauth2(analyst).delete("/v1/workspaces/" + WS + "/cases/CASE-000001").then().statusCode(405);

        List<String> events = auditEvents(2);
        assertThat(events).anyMatch(e -> e.contains("\"action\":\"case.status.changed\"") && e.contains("IN_REVIEW"))
                .anyMatch(e -> e.contains("\"action\":\"case.assigned\""));
        assertThat(String.join("\n", events)).doesNotContain("ann@example.test");
        given().auth().oauth2(analyst).get("/v1/workspaces/" + WS + "/cases/CASE-000002").then()
                .body("summary.status", equalTo("open"));
    }

    @Test
    void commentsAreKeptAndAuditedWithoutTheirText() {
        audit = TestTopics.tailAudit();
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("body", "Called the billing office."))
                .post("/v1/workspaces/" + WS + "/cases/CASE-000003/comments").then().statusCode(201)
                .body("body", equalTo("Called the billing office.")).body("id", not(nullValue()));
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/cases/CASE-000003").then().statusCode(200)
                .body("comments.body", contains("Called the billing office."));
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("body", " "))
                .post("/v1/workspaces/" + WS + "/cases/CASE-000003/comments").then().statusCode(400);
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("body", "x".repeat(4001)))
                .post("/v1/workspaces/" + WS + "/cases/CASE-000003/comments").then().statusCode(400);
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("body", "hello"))
                .post("/v1/workspaces/" + WS + "/cases/CASE-123456/comments").then().statusCode(404);
        List<String> events = auditEvents(1);
        assertThat(events).anyMatch(e -> e.contains("\"action\":\"case.comment.added\""));
        assertThat(String.join("\n", events)).doesNotContain("billing office");
    }

    @Test
    void providersAndRuns() {
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/providers/" + NPI_B).then().statusCode(200)
                .body("name", equalTo("Dr. Bee")).body("medicalClaims", equalTo(3)).body("caseId", equalTo("CASE-000002"))
                .body("riskLevel", equalTo("critical")).body("rules.ruleId", contains("RULE-MED-001", "RULE-MED-003"));
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/providers/1999999999").then().statusCode(404);
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/providers/12ab").then().statusCode(400);
        var runs = given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/runs").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].status", equalTo("completed")).extract();
        String newest = runs.path("items[0].runId");
        given().auth().oauth2(user).queryParam("limit", 1).get("/v1/workspaces/" + WS + "/runs").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", not(nullValue()));
        given().auth().oauth2(user).get("/v1/workspaces/" + WS + "/runs/" + newest).then().statusCode(200)
                .body("configSnapshot.rules", equalTo("snapshot")).body("qualityReport.total", equalTo(4));
    }

    @Test
    void anotherTenantOrWorkspaceSeesNothing() {
        String stranger = TestTokens.valid("other-" + tenant, "eve@example.test", Set.of("user", "analyst"), List.of(WS));
        given().auth().oauth2(stranger).get("/v1/workspaces/" + WS + "/cases/CASE-000002").then().statusCode(404);
        given().auth().oauth2(stranger).get("/v1/workspaces/" + WS + "/cases").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("status", "closed"))
                .patch("/v1/workspaces/" + WS + "/cases/CASE-000002").then().statusCode(404);
        given().auth().oauth2(stranger).get("/v1/workspaces/" + WS + "/providers/" + NPI_B).then().statusCode(404);
        String otherWorkspace = TestTokens.valid(tenant, "uma@example.test", Set.of("user"), List.of("ws-else"));
        given().auth().oauth2(otherWorkspace).get("/v1/workspaces/" + WS + "/stats").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(otherWorkspace).get("/v1/workspaces/" + WS + "/cases/CASE-000002").then().statusCode(403);
    }

    /** Three providers, five claims, hits of two rules, three cases, two runs. */
    private long seedWorkspace(String tenantHash, String workspace) {
        long ws = one("INSERT INTO workspace (tenant_hash, workspace_id, case_counter) VALUES ($1, $2, 3) RETURNING ws_key",
                Tuple.of(tenantHash, workspace));
        UUID upload = UUID.randomUUID();
        UUID oldRun = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        exec("""
                INSERT INTO provider (ws_key, npi, name, specialty, state, upload_id) VALUES
                ($1, '%s', 'Dr. Ay', 'Family Medicine', 'CA', $2), ($1, '%s', 'Dr. Bee', 'Cardiology', 'NY', $2),
                ($1, '%s', 'Dr. Cee', 'Psychiatry', 'TX', $2)""".formatted(NPI_A, NPI_B, NPI_C), Tuple.of(ws, upload));
        exec("""
                INSERT INTO medical_claim (ws_key, claim_id, member_id, provider_npi, service_date, cpt_code, units,
                    amount_billed, diagnosis_code, place_of_service, upload_id, quality_status, processed_run) VALUES
                ($1, 'MC-1', 'M1', '%1$s', '2025-03-01', '99213', 1, 100.00, 'I10', '11', $2, 'passed', $3),
                ($1, 'MC-2', 'M2', '%2$s', '2025-03-02', '99215', 1, 180.00, 'I10', '11', $2, 'passed', $3),
                ($1, 'MC-3', 'M2', '%2$s', '2025-03-02', '99215', 20, 180.00, 'I10', '11', $2, 'passed', $3),
                ($1, 'MC-4', 'M3', '%2$s', '2025-03-04', '9921', 1, 0.00, 'I10', '11', $2, 'failed', NULL)"""
                .formatted(NPI_A, NPI_B), Tuple.of(ws, upload, run));
        exec("""
                INSERT INTO pharmacy_claim (ws_key, claim_id, member_id, pharmacy_npi, prescriber_npi, fill_date, ndc_code,
                    quantity, days_supply, amount_billed, upload_id, quality_status, processed_run) VALUES
                ($1, 'RX-1', 'M1', '%s', '%s', '2025-03-01', '00002771001', 30, 30, 12.00, $2, 'passed', $3)"""
                .formatted(NPI_C, NPI_A), Tuple.of(ws, upload, run));
        exec("""
                INSERT INTO rule (rule_id, name, description, claim_kind, weight, cap, enabled, thresholds) VALUES
                ('RULE-MED-001', 'Duplicate billing', 'd', 'medical', 15, 45, true, '{}'),
                ('RULE-MED-003', 'Excessive units', 'd', 'medical', 5, 25, true, '{}')
                ON CONFLICT (rule_id) DO NOTHING""", Tuple.tuple());
        exec("""
                INSERT INTO rule_hit (ws_key, rule_id, claim_kind, claim_id, provider_npi, detail, run_id) VALUES
                ($1, 'RULE-MED-001', 'medical', 'MC-2', '%1$s', 'duplicate', $2),
                ($1, 'RULE-MED-001', 'medical', 'MC-3', '%1$s', 'duplicate', $2),
                ($1, 'RULE-MED-003', 'medical', 'MC-3', '%1$s', 'units 20 > 10', $2),
                ($1, 'RULE-MED-003', 'medical', 'MC-1', '%2$s', 'units', $2)""".formatted(NPI_B, NPI_A), Tuple.of(ws, run));
        exec("""
                INSERT INTO investigation_case (ws_key, case_id, provider_npi, risk_score, risk_level, status, hit_count,
                    run_id, created_at, updated_at) VALUES
                ($1, 'CASE-000001', '%s', 25, 'medium', 'open', 1, $2, now(), now()),
                ($1, 'CASE-000002', '%s', 85, 'critical', 'open', 3, $2, now(), now()),
                ($1, 'CASE-000003', '%s', 25, 'medium', 'closed', 0, $2, now(), now())"""
                .formatted(NPI_A, NPI_B, NPI_C), Tuple.of(ws, run));
        exec("""
                INSERT INTO case_evidence (ws_key, case_id, claim_kind, claim_id, rule_ids) VALUES
                ($1, 'CASE-000002', 'medical', 'MC-2', '{RULE-MED-001}'),
                ($1, 'CASE-000002', 'medical', 'MC-3', '{RULE-MED-001,RULE-MED-003}')""", Tuple.of(ws));
        exec("""
                INSERT INTO pipeline_run (id, ws_key, job_id, status, quality_mode, force_reprocess, config_snapshot, stats,
                    quality_report, started_at, completed_at) VALUES
                ($2, $1, $2, 'completed', 'skip_invalid', false, '{}', '{"claimsProcessed": 2}', '{}', now() - interval '1 day', now() - interval '1 day'),
                ($3, $1, $3, 'completed', 'skip_invalid', false, '{"rules": "snapshot"}', '{"claimsProcessed": 4}', '{"total": 4}', now(), now())""",
                Tuple.of(ws, oldRun, run));
        exec("UPDATE workspace SET last_pipeline_run = $2, last_run_at = now() WHERE ws_key = $1", Tuple.of(ws, run));
        return ws;
    }

    private long one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().indefinitely().iterator().next().getLong(0);
    }

    private void exec(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().indefinitely();
    }

    private KafkaConsumer<String, byte[]> audit;

    @AfterEach
    void closeAudit() {
        if (audit != null) {
            audit.close();
            audit = null;
        }
    }

    /** This tenant's audit events on the test topic (the outbox relay publishes within a second), at least {@code n}. */
    private List<String> auditEvents(int n) {
        List<String> events = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (events.size() < n && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(200))) {
                if (hash(tenant).equals(record.key())) {
                    events.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return events;
    }

    private static String hash(String tenant) {
        return TenantHasher.ofSecret("dev-only-tenant-hash-key-never-in-production").hash(tenant);
    }
}
