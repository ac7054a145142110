package dev.parley.pipeline.rest;

import static dev.parley.pipeline.rest.UploadTesting.MEDICAL_HEADER;
import static dev.parley.pipeline.rest.UploadTesting.token;
import static dev.parley.pipeline.rest.UploadTesting.upload;
import static dev.parley.pipeline.rest.UploadTesting.workspace;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.pipeline.ComplianceDouble;
import dev.parley.pipeline.RawHttp;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import dev.parley.testing.TestTopics;
import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upload endpoint against the real database, broker and an in-app compliance double: what each kind stores,
 * every whole-upload refusal (status, problem type, line, nothing stored), row errors under both policies, keys
 * already stored, body limits, member encryption failing closed, tenant isolation and the audit event.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class UploadApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    UploadTesting db;
    String tenant;
    String ws;
    String token;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @BeforeEach
    void fresh() {
        db = new UploadTesting(dataSource);
        tenant = "tenant-" + UUID.randomUUID();
        ws = workspace();
        token = token(tenant, ws);
        ComplianceDouble.DOWN.set(false);
    }

    @AfterEach
    void cleanUp() {
        ComplianceDouble.DOWN.set(false);
        db.delete(ws);
    }

    // --- what each kind stores --------------------------------------------------------------------------

    @Test
    void medicalClaimsAreStoredExactly() {
        // any header order, blanks around header names; quoting, an empty cell, a negative amount, a padded integer
        String csv = " member_id ,claim_id,provider_npi,service_date,cpt_code,units,amount_billed,diagnosis_code,place_of_service\r\n"
                + "M1,C-1,1234567893,2024-03-01,99213,1,125.00,E11.9,11\r\n"
                + "M2,C-2,1234567893,2024-03-02,99214,2,-12.50,,\r\n"
                + "M3,\"C,3\",,2024-02-29,97110, 3 ,0.5,\"J45.909, x\",22\r\n";
        String id = upload(token, ws, "medical", null, csv).statusCode(201)
                .body("kind", equalTo("medical"))
                .body("rowsTotal", equalTo(3)).body("rowsAccepted", equalTo(3)).body("rowsRejected", equalTo(0))
                .body("errorCount", equalTo(0)).body("errors.size()", equalTo(0))
                .extract().path("uploadId");

        long wsKey = db.wsKey(ws);
        List<Map<String, Object>> claims = db.rows("""
                SELECT claim_id, member_id, provider_npi, service_date::text AS service_date, cpt_code, units,
                       amount_billed::text AS amount_billed, diagnosis_code, place_of_service, upload_id::text AS upload_id,
                       quality_status, processed_run
                FROM medical_claim WHERE ws_key = ? ORDER BY claim_id""", wsKey);
        assertThat(claims).hasSize(3);
        assertThat(claims.get(0)).containsEntry("claim_id", "C,3").containsEntry("member_id", "M3")
                .containsEntry("provider_npi", null).containsEntry("service_date", "2024-02-29")
                .containsEntry("units", 3).containsEntry("amount_billed", "0.50")
                .containsEntry("diagnosis_code", "J45.909, x").containsEntry("place_of_service", "22");
        assertThat(claims.get(1)).containsEntry("claim_id", "C-1").containsEntry("member_id", "M1")
                .containsEntry("provider_npi", "1234567893").containsEntry("service_date", "2024-03-01")
                .containsEntry("cpt_code", "99213").containsEntry("units", 1).containsEntry("amount_billed", "125.00")
                .containsEntry("diagnosis_code", "E11.9").containsEntry("place_of_service", "11");
        assertThat(claims.get(2)).containsEntry("claim_id", "C-2").containsEntry("amount_billed", "-12.50")
                .containsEntry("diagnosis_code", null).containsEntry("place_of_service", null);
        assertThat(claims).allSatisfy(c -> assertThat(c).containsEntry("upload_id", id)
                .containsEntry("quality_status", null).containsEntry("processed_run", null));

        Map<String, Object> record = db.rows("SELECT * FROM upload WHERE id = ?::uuid", id).get(0);
        assertThat(record).containsEntry("ws_key", wsKey).containsEntry("kind", "medical")
                .containsEntry("rows_total", 3).containsEntry("rows_accepted", 3).containsEntry("rows_rejected", 0)
                .containsEntry("bytes", (long) csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat((String) record.get("uploaded_by")).hasSize(64).doesNotContain("uploader");
        assertThat(db.rows("SELECT needs_reprocessing FROM workspace WHERE ws_key = ?", wsKey).get(0))
                .containsEntry("needs_reprocessing", true);
    }

    @Test
    void pharmacyClaimsAreStoredExactly() {
        String csv = "claim_id,member_id,pharmacy_npi,prescriber_npi,fill_date,ndc_code,quantity,days_supply,amount_billed\n"
                + "P1,M1,1234567893,1245319599,2024-01-15,00002143380,30.5,30,45.10\n"
                + "P2,M2,,,2024-01-16,00002143380,0.125,7,9\n";
        upload(token, ws, "pharmacy", null, csv).statusCode(201).body("rowsAccepted", equalTo(2));
        List<Map<String, Object>> claims = db.rows("""
                SELECT claim_id, member_id, pharmacy_npi, prescriber_npi, fill_date::text AS fill_date, ndc_code,
                       quantity::text AS quantity, days_supply, amount_billed::text AS amount_billed
                FROM pharmacy_claim WHERE ws_key = ? ORDER BY claim_id""", db.wsKey(ws));
        assertThat(claims).containsExactly(
                Map.of("claim_id", "P1", "member_id", "M1", "pharmacy_npi", "1234567893", "prescriber_npi", "1245319599",
                        "fill_date", "2024-01-15", "ndc_code", "00002143380", "quantity", "30.500", "days_supply", 30,
                        "amount_billed", "45.10"),
                nulls(Map.of("claim_id", "P2", "member_id", "M2", "fill_date", "2024-01-16", "ndc_code", "00002143380",
                        "quantity", "0.125", "days_supply", 7, "amount_billed", "9.00"), "pharmacy_npi", "prescriber_npi"));
        assertThat(db.number("SELECT count(*) FROM medical_claim WHERE ws_key = ?", db.wsKey(ws))).isZero();
    }

    @Test
    void providersAreStoredExactly() {
        // COPY's own escapes (backslash, tab, newline) must survive: a quoted cell may hold all of them
        String csv = "npi,name,specialty,state\n1234567893,Dr. A,Cardiology,CA\n1245319599,\"Clinic, B \\N\n2nd\tline\",,NY\n";
        upload(token, ws, "providers", null, csv).statusCode(201).body("rowsAccepted", equalTo(2));
        assertThat(db.rows("SELECT npi, name, specialty, state FROM provider WHERE ws_key = ? ORDER BY npi", db.wsKey(ws)))
                .containsExactly(Map.of("npi", "1234567893", "name", "Dr. A", "specialty", "Cardiology", "state", "CA"),
                        nulls(Map.of("npi", "1245319599", "name", "Clinic, B \\N\n2nd\tline", "state", "NY"), "specialty"));
    }

    @Test
    void membersAreStoredOnlyAsCiphertextsOfTheCallersTenant() {
        String csv = "member_id,first_name,last_name,date_of_birth,coverage_end\n"
                + "M1,Janeway,Roeland,1980-02-29,2025-12-31\n"
                + "M2,Ünïcødé,O'Brienne,1975-07-04,\n"
                + "M3,,,,\n";
        String id = upload(token, ws, "members", null, csv).statusCode(201).body("rowsAccepted", equalTo(3))
                .body(not(containsString("Janeway"))).extract().path("uploadId");

        long wsKey = db.wsKey(ws);
        String tenantHash = (String) db.rows("SELECT tenant_hash FROM workspace WHERE ws_key = ?", wsKey).get(0).get("tenant_hash");
        assertThat(ComplianceDouble.LAST_TENANT.get()).as("compliance saw the caller's own token").isEqualTo(tenantHash);
        List<Map<String, Object>> members = db.rows("""
                SELECT member_id, first_name_enc, last_name_enc, date_of_birth_enc, coverage_end::text AS coverage_end,
                       upload_id::text AS upload_id
                FROM member WHERE ws_key = ? ORDER BY member_id""", wsKey);
        assertThat(members).hasSize(3);
        Map<String, Object> m1 = members.get(0);
        assertThat(m1).containsEntry("member_id", "M1").containsEntry("coverage_end", "2025-12-31").containsEntry("upload_id", id);
        assertThat(ComplianceDouble.decrypt(tenantHash, "member.firstName", (String) m1.get("first_name_enc"))).isEqualTo("Janeway");
        assertThat(ComplianceDouble.decrypt(tenantHash, "member.lastName", (String) m1.get("last_name_enc"))).isEqualTo("Roeland");
        assertThat(ComplianceDouble.decrypt(tenantHash, "member.dateOfBirth", (String) m1.get("date_of_birth_enc"))).isEqualTo("1980-02-29");
        assertThat(ComplianceDouble.decrypt(tenantHash, "member.firstName", (String) members.get(1).get("first_name_enc"))).isEqualTo("Ünïcødé");
        assertThat(members.get(1)).containsEntry("coverage_end", null);
        assertThat(members.get(2)).containsEntry("first_name_enc", null).containsEntry("last_name_enc", null)
                .containsEntry("date_of_birth_enc", null);
        // no plaintext anywhere in the table, whatever the column
        String everything = db.rows("SELECT string_agg(m::text, '|') AS all FROM member m WHERE ws_key = ?", wsKey)
                .get(0).get("all").toString();
        assertThat(everything).startsWith("(").doesNotContain("Janeway", "Roeland", "1980-02-29", "O'Brienne", "Ünïcødé",
                "1975-07-04").contains("v1.test.");
    }

    @Test
    void complianceDownIsA503AndNothingIsStored() {
        Map<String, Long> before = db.counts();
        int calls = ComplianceDouble.CALLS.get();
        ComplianceDouble.DOWN.set(true);
        expectProblem(upload(token, ws, "members", null, "member_id,first_name,last_name,date_of_birth\nM1,Jane,Roe,1980-01-01\n"),
                503, "unavailable").body("detail", containsString("nothing was stored")).body(not(containsString("Jane")));
        assertThat(ComplianceDouble.CALLS.get()).isGreaterThan(calls);
        assertThat(db.counts()).isEqualTo(before);
        assertThat(db.wsKey(ws)).isNull();
    }

    @Test
    void aMultipartBodyWithOneFilePartIsRead() {
        String boundary = "----parley" + UUID.randomUUID();
        String body = "preamble is ignored\r\n--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"providers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "npi,name,specialty,state\r\n1234567893,Dr. A,Cardiology,CA\r\n"
                + "\r\n--" + boundary + "--\r\nepilogue\r\n";
        given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + boundary)
                .queryParam("kind", "providers").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/workspaces/{ws}/uploads", ws).then().statusCode(201).body("rowsAccepted", equalTo(1));
        assertThat(db.rows("SELECT npi, state FROM provider WHERE ws_key = ?", db.wsKey(ws)))
                .containsExactly(Map.of("npi", "1234567893", "state", "CA"));
    }

    @Test
    void aMultipartBodyWithTwoPartsIsRefused() {
        Map<String, Long> before = db.counts();
        String boundary = "b" + UUID.randomUUID();
        String part = "Content-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\n"
                + "npi,name,specialty,state\r\n1234567893,Dr. A,Cardiology,CA\r\n";
        String body = "--" + boundary + "\r\n" + part + "\r\n--" + boundary + "\r\n" + part + "\r\n--" + boundary + "--\r\n";
        expectProblem(given().auth().oauth2(token).contentType("multipart/form-data; boundary=" + boundary)
                .queryParam("kind", "providers").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/workspaces/{ws}/uploads", ws).then(), 400, "bad-request")
                .body("detail", containsString("exactly one file part"));
        assertThat(db.counts()).isEqualTo(before);
    }

    // --- whole-upload refusals: status, problem type, line; nothing stored ------------------------------

    @Test
    void aNulByteRefusesTheUploadAtItsLine() {
        refused("medical", MEDICAL_HEADER + row("C1") + "C2,M1,1234567893,2024-01-01,99213,1,1.00,E1\u0000,11\n",
                400, "bad-request", "Line 3: the upload holds a NUL byte.");
    }

    @Test
    void invalidUtf8RefusesTheUploadAtItsLine() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((MEDICAL_HEADER + row("C1") + row("C2")).getBytes(StandardCharsets.UTF_8));
        body.writeBytes("C3,M1,1234567893,2024-01-01,99213,1,1.00,E".getBytes(StandardCharsets.UTF_8));
        body.write(0xC3);
        body.write(0x28);
        body.writeBytes(",11\n".getBytes(StandardCharsets.UTF_8));
        refused("medical", body.toByteArray(), 400, "bad-request", "Line 4: the upload is not valid UTF-8");
    }

    @Test
    void headerProblemsRefuseTheUploadAtLineOne() {
        refused("medical", MEDICAL_HEADER.replace(",units", "") + "C1,M1,1234567893,2024-01-01,99213,1.00,E1,11\n",
                400, "bad-request", "Line 1: the header misses the column units.");
        refused("medical", MEDICAL_HEADER.replace("\n", ",colour\n") + row("C1").replace("\n", ",red\n"),
                400, "bad-request", "Line 1: unknown column 'colour'");
        refused("medical", MEDICAL_HEADER.replace("\n", ",claim_id\n") + row("C1").replace("\n", ",C1\n"),
                400, "bad-request", "Line 1, column claim_id: the column appears more than once");
        refused("providers", "", 400, "bad-request", "Line 1: the upload is empty");
        StringBuilder wide = new StringBuilder("npi,name,specialty,state");
        for (int i = 0; i < 61; i++) {
            wide.append(",extra").append(i);
        }
        refused("providers", wide + "\n", 400, "bad-request", "Line 1: the header has 65 columns; at most 64");
    }

    @Test
    void aRowWithMoreCellsThanTheHeaderRefusesTheUpload() {
        refused("medical", MEDICAL_HEADER + row("C1") + row("C2") + row("C3").replace("\n", ",surplus\n"),
                400, "bad-request", "Line 4: the row has 10 cells, the header 9.");
    }

    @Test
    void aFormulaInATextCellRefusesTheUploadNamingLineAndColumn() {
        refused("medical", MEDICAL_HEADER + row("C1") + row("C2") + "C3,M1,1234567893,2024-01-01,=SUM(A1:A9),1,1.00,E1,11\n",
                400, "bad-request", "Line 4, column cpt_code: the cell starts with '='");
        refused("medical", MEDICAL_HEADER + "C1,\"@cmd\",1234567893,2024-01-01,99213,1,1.00,E1,11\n",
                400, "bad-request", "Line 2, column member_id: the cell starts with '@'");
        refused("providers", "npi,name,specialty,state\n1234567893,\"\tDr\",x,CA\n",
                400, "bad-request", "Line 2, column name: the cell starts with a tab");
        refused("providers", "npi,name,specialty,state\n1234567893,+1 555,x,CA\n",
                400, "bad-request", "Line 2, column name: the cell starts with '+'");
        refused("providers", "npi,name,specialty,state\n1234567893,-x,x,CA\n",
                400, "bad-request", "Line 2, column name: the cell starts with '-'");
        refused("providers", "npi,name,specialty,state\n1234567893,\"\rx\",x,CA\n",
                400, "bad-request", "Line 2, column name: the cell starts with a carriage return");
    }

    @Test
    void aBodyDeclaringMoreThanTheCapIsRefusedAtOnce() throws Exception {
        Map<String, Long> before = db.counts();
        RawHttp.Answer answer = RawHttp.declared(RestAssured.port, "/v1/workspaces/" + ws + "/uploads?kind=medical",
                token, "text/csv", 50L * 1024 * 1024 + 1, MEDICAL_HEADER.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://parley.dev/problems/payload-too-large");
        assertThat(problem.get("detail").asText()).isEqualTo("The upload declares 52428801 bytes; at most 52428800 are accepted.");
        assertThat(problem.get("requestId").asText()).isNotBlank();
        assertThat(db.counts()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsRefusedAsItPassesTheCap() throws Exception {
        Map<String, Long> before = db.counts();
        byte[] rows = rows(10_000);
        Iterator<byte[]> chunks = new Iterator<>() {
            int sent;

            @Override
            public boolean hasNext() {
                return sent < 120; // ~ 80 MB if the server never stopped it
            }

            @Override
            public byte[] next() {
                return sent++ == 0 ? (MEDICAL_HEADER + new String(rows, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                        : rows;
            }
        };
        RawHttp.Answer answer = RawHttp.chunked(RestAssured.port, "/v1/workspaces/" + ws + "/uploads?kind=medical"
                + "&onRowError=skip", token, "text/csv", chunks);
        assertThat(answer.status()).isEqualTo(413);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://parley.dev/problems/payload-too-large");
        assertThat(problem.get("detail").asText()).matches("Line \\d+: the upload is larger than the limit of 52428800 bytes\\.");
        long line = Long.parseLong(problem.get("detail").asText().replaceAll("\\D*(\\d+).*", "$1"));
        long expected = 2 + (52_428_800L - MEDICAL_HEADER.length()) * 10_000 / rows.length;
        assertThat(line).as("the line the cap was passed on").isBetween(expected - 2_000, expected + 2_000);
        assertThat(answer.bytesSent()).as("it stopped reading soon after the cap").isLessThan(70L * 1024 * 1024);
        assertThat(db.counts()).isEqualTo(before);
    }

    // --- row errors ---------------------------------------------------------------------------------------

    private static final String WITH_ROW_ERRORS = MEDICAL_HEADER
            + row("C1")                                                          // 2 valid
            + "C2,M1,1234567893,2024-02-30,99213,1,1.00,E1,11\n"                 // 3 no such day
            + "C3,M1,1234567893,2024-01-01,99213,two,1.00,E1,11\n"               // 4 not an integer
            + " ,M1,1234567893,2024-01-01,99213,1,1.00,E1,11\n"                  // 5 empty key
            + "C5,M1,1234567893,2024-01-01,99213,1,12.345,E1,11\n"               // 6 too many decimals
            + row("C1")                                                          // 7 repeats line 2
            + row("C7")                                                          // 8 valid
            + "C8,M1,1234567893,2024-01-01,99213,1\n";                           // 9 too few cells

    @Test
    void rowErrorsRejectTheUploadWith422ListingThem() {
        Map<String, Long> before = db.counts();
        expectProblem(upload(token, ws, "medical", null, WITH_ROW_ERRORS), 422, "unprocessable")
                .body("detail", startsWith("6 row errors"))
                .body("detail", containsString("nothing was stored"))
                .body("errors.field", equalTo(List.of("line 3, column service_date", "line 4, column units",
                        "line 5, column claim_id", "line 6, column amount_billed", "line 7, column claim_id", "line 9")))
                .body("errors[0].message", equalTo("is not a date (YYYY-MM-DD)."))
                .body("errors[4].message", equalTo("the key repeats line 2."))
                .body(not(containsString("two")));
        assertThat(db.counts()).isEqualTo(before);
        assertThat(db.wsKey(ws)).isNull();
    }

    @Test
    void rowErrorsUnderSkipStoreTheValidRowsAndReportTheOthers() {
        String id = upload(token, ws, "medical", "skip", WITH_ROW_ERRORS).statusCode(201)
                .body("rowsTotal", equalTo(8)).body("rowsAccepted", equalTo(2)).body("rowsRejected", equalTo(6))
                .body("errorCount", equalTo(6))
                .body("errors.line", equalTo(List.of(3, 4, 5, 6, 7, 9)))
                .body("errors[1].column", equalTo("units")).body("errors[1].message", equalTo("is not an integer."))
                .body("errors[5].column", nullValue())
                .extract().path("uploadId");
        long wsKey = db.wsKey(ws);
        assertThat(db.rows("SELECT claim_id FROM medical_claim WHERE ws_key = ? ORDER BY claim_id", wsKey))
                .containsExactly(Map.of("claim_id", "C1"), Map.of("claim_id", "C7"));
        assertThat(db.rows("SELECT rows_total, rows_accepted, rows_rejected FROM upload WHERE id = ?::uuid", id).get(0))
                .isEqualTo(Map.of("rows_total", 8, "rows_accepted", 2, "rows_rejected", 6));
    }

    @Test
    void aKeyAlreadyStoredInTheWorkspaceIsARowError() {
        upload(token, ws, "medical", null, MEDICAL_HEADER + row("C1") + row("C2")).statusCode(201);
        String second = MEDICAL_HEADER + row("C3") + row("C2") + row("C4");
        Map<String, Long> before = db.counts();
        expectProblem(upload(token, ws, "medical", "reject", second), 422, "unprocessable")
                .body("errors.field", equalTo(List.of("line 3, column claim_id")))
                .body("errors[0].message", equalTo("the key is already stored in this workspace."));
        assertThat(db.counts()).isEqualTo(before);

        upload(token, ws, "medical", "skip", second).statusCode(201).body("rowsAccepted", equalTo(2))
                .body("rowsRejected", equalTo(1)).body("errors[0].line", equalTo(3));
        assertThat(db.rows("SELECT claim_id, count(*) AS n FROM medical_claim WHERE ws_key = ? GROUP BY claim_id ORDER BY claim_id",
                db.wsKey(ws))).containsExactly(Map.of("claim_id", "C1", "n", 1L), Map.of("claim_id", "C2", "n", 1L),
                Map.of("claim_id", "C3", "n", 1L), Map.of("claim_id", "C4", "n", 1L));
        // the same key in the other kind is a different claim
        upload(token, ws, "pharmacy", null, "claim_id,member_id,pharmacy_npi,prescriber_npi,fill_date,ndc_code,quantity,"
                + "days_supply,amount_billed\nC1,M1,1,2,2024-01-01,00002143380,1,1,1\n").statusCode(201);
    }

    @Test
    void aStoredKeyFarDownTheFileIsFoundByTheInsert() {
        upload(token, ws, "medical", null, MEDICAL_HEADER + row("K1500")).statusCode(201);
        StringBuilder csv = new StringBuilder(MEDICAL_HEADER);
        for (int i = 1; i <= 1500; i++) {
            csv.append(row("K" + i));
        }
        Map<String, Long> before = db.counts();
        expectProblem(upload(token, ws, "medical", null, csv.toString()), 422, "unprocessable")
                .body("errors.field", equalTo(List.of("line 1501, column claim_id")))
                .body("errors[0].message", equalTo("the key is already stored in this workspace."));
        assertThat(db.counts()).isEqualTo(before);
        upload(token, ws, "medical", "skip", csv.toString()).statusCode(201).body("rowsAccepted", equalTo(1499))
                .body("rowsRejected", equalTo(1)).body("errors[0].line", equalTo(1501));
        assertThat(db.number("SELECT count(*) FROM medical_claim WHERE ws_key = ?", db.wsKey(ws))).isEqualTo(1500);
    }

    @Test
    void providerTypeLimitsAreRowErrors() {
        upload(token, ws, "providers", "skip", "npi,name,specialty,state\n1234567893,A,B,CAL\n12345678931,A,B,CA\n"
                + "1245319599,A,B,\n").statusCode(201)
                .body("rowsAccepted", equalTo(1)).body("rowsRejected", equalTo(2))
                .body("errors[0].column", equalTo("state")).body("errors[0].message", equalTo("is longer than 2 characters."))
                .body("errors[1].column", equalTo("npi"));
    }

    // --- access -------------------------------------------------------------------------------------------

    @Test
    void sameWorkspaceNameUnderTwoTenantsIsTwoWorkspaces() {
        String other = "tenant-" + UUID.randomUUID();
        String csv = MEDICAL_HEADER + row("C1") + row("C2");
        upload(token, ws, "medical", null, csv).statusCode(201);
        upload(token(other, ws), ws, "medical", null, csv).statusCode(201).body("rowsAccepted", equalTo(2));
        List<Map<String, Object>> workspaces = db.rows("""
                SELECT w.ws_key, w.tenant_hash, count(c.claim_id) AS claims FROM workspace w
                JOIN medical_claim c USING (ws_key) WHERE w.workspace_id = ? GROUP BY w.ws_key, w.tenant_hash""", ws);
        assertThat(workspaces).hasSize(2).allSatisfy(w -> assertThat(w).containsEntry("claims", 2L));
        assertThat(workspaces.get(0).get("tenant_hash")).isNotEqualTo(workspaces.get(1).get("tenant_hash"));
    }

    @Test
    void aWorkspaceOutsideTheTokenIsForbiddenAuditedAndNothingIsStored() throws Exception {
        Map<String, Long> before = db.counts();
        String elsewhere = workspace();
        try (KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            expectProblem(upload(token, elsewhere, "medical", null, MEDICAL_HEADER + row("C1")), 403, "forbidden");
            String denied = null;
            for (int i = 0; i < 50 && denied == null; i++) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains("access.denied") && value.contains(elsewhere)) {
                        denied = value;
                    }
                }
            }
            assertThat(denied).as("the refusal is a security decision in the audit trail").isNotNull();
        }
        given().auth().oauth2(TestTokens.valid(tenant, "a@example.test", Set.of("auditor"), List.of(ws)))
                .contentType("text/csv; charset=UTF-8").queryParam("kind", "medical").body(MEDICAL_HEADER + row("C1"))
                .post("/v1/workspaces/{ws}/uploads", ws).then().statusCode(403);
        given().contentType("text/csv; charset=UTF-8").queryParam("kind", "medical").body(MEDICAL_HEADER + row("C1"))
                .post("/v1/workspaces/{ws}/uploads", ws).then().statusCode(401);
        assertThat(db.counts()).isEqualTo(before);
    }

    @Test
    void unknownKindsAndPoliciesAreValidationProblems() {
        expectProblem(given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").queryParam("kind", "dental")
                .queryParam("onRowError", "ignore").body("x\n").post("/v1/workspaces/{ws}/uploads", ws).then(),
                400, "validation").body("errors.field", equalTo(List.of("kind", "onRowError")));
        expectProblem(given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body("x\n")
                .post("/v1/workspaces/{ws}/uploads", ws).then(), 400, "validation");
        expectProblem(given().auth().oauth2(token).contentType("text/csv; charset=ISO-8859-1")
                .queryParam("kind", "providers").body("npi,name,specialty,state\n")
                .post("/v1/workspaces/{ws}/uploads", ws).then(), 415, "unsupported-media-type");
        expectProblem(given().auth().oauth2(token).contentType(ContentType.JSON).queryParam("kind", "providers")
                .body("{}").post("/v1/workspaces/{ws}/uploads", ws).then(), 415, "unsupported-media-type");
    }

    // --- the JSON body limit under the streamed prefix -------------------------------------------------

    @Test
    void jsonBodiesUnderWorkspacesStayWithinOneMegabyte() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";
        String path = "/v1/workspaces/" + ws + "/test-json-probe";
        expectProblem(given().auth().oauth2(token).contentType(ContentType.JSON).body(big).post(path).then(),
                413, "payload-too-large");
        RawHttp.Answer chunked = RawHttp.chunked(RestAssured.port, path, token, "application/json",
                List.of(big.substring(0, 600_000).getBytes(StandardCharsets.UTF_8),
                        big.substring(600_000).getBytes(StandardCharsets.UTF_8)).iterator());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(JSON.readTree(chunked.body()).get("type").asText()).isEqualTo("https://parley.dev/problems/payload-too-large");
        RawHttp.Answer small = RawHttp.chunked(RestAssured.port, path, token, "application/json",
                List.of("{\"a\": 1, ".getBytes(StandardCharsets.UTF_8), "\"b\": 2}".getBytes(StandardCharsets.UTF_8)).iterator());
        assertThat(small.status()).isEqualTo(200);
        assertThat(JSON.readTree(small.body()).get("keys").asInt()).isEqualTo(2);
        // and outside the prefix, chunked too
        RawHttp.Answer probe = RawHttp.chunked(RestAssured.port, "/v1/test-probe", token, "application/json",
                List.of(("{\"name\": \"" + "x".repeat(1_100_000) + "\", \"count\": 1}").getBytes(StandardCharsets.UTF_8)).iterator());
        assertThat(probe.status()).isEqualTo(413);
        assertThat(probe.headers().get("content-type")).startsWith("application/problem+json");
    }

    // --- audit and metrics --------------------------------------------------------------------------------

    @Test
    void anAcceptedUploadIsAuditedWithCountsOnlyAndCounted() throws Exception {
        double acceptedBefore = metric("pipeline_upload_rows_total{kind=\"medical\",outcome=\"accepted\"}");
        double rejectedBefore = metric("pipeline_upload_rows_total{kind=\"medical\",outcome=\"rejected\"}");
        double bytesBefore = metric("pipeline_upload_bytes_total");
        String csv = MEDICAL_HEADER + row("SECRETCLAIM1") + row("SECRETCLAIM2") + "X,M,N,not-a-date,C,1,1,D,P\n";
        try (KafkaConsumer<String, byte[]> audit = TestTopics.tailAudit()) {
            String id = upload(token, ws, "medical", "skip", csv).statusCode(201).extract().path("uploadId");
            CloudEvent event = null;
            for (int i = 0; i < 100 && event == null; i++) {
                for (ConsumerRecord<String, byte[]> record : audit.poll(Duration.ofMillis(200))) {
                    CloudEvent candidate = CloudEventEnvelope.deserialize(record.value());
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(id)) {
                        event = candidate;
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("SECRETCLAIM");
                    }
                }
            }
            assertThat(event).as("upload.accepted reached the audit topic through the outbox").isNotNull();
            assertThat(event.getType()).endsWith("upload.accepted");
            JsonNode data = JSON.readTree(event.getData().toBytes());
            assertThat(data.get("action").asText()).isEqualTo("upload.accepted");
            assertThat(data.get("resourceType").asText()).isEqualTo("upload");
            assertThat(data.get("resourceId").asText()).isEqualTo(id);
            assertThat(data.get("outcome").asText()).isEqualTo("success");
            assertThat(JSON.convertValue(data.get("details"), Map.class)).isEqualTo(Map.of("kind", "MEDICAL",
                    "onRowError", "SKIP", "rowsTotal", 3, "rowsAccepted", 2, "rowsRejected", 1,
                    "bytes", csv.getBytes(StandardCharsets.UTF_8).length));
        }
        assertThat(db.number("SELECT count(*) FROM audit_outbox WHERE action = 'upload.accepted' AND payload::text LIKE ?",
                "%SECRETCLAIM%")).isZero();
        assertThat(metric("pipeline_upload_rows_total{kind=\"medical\",outcome=\"accepted\"}") - acceptedBefore).isEqualTo(2);
        assertThat(metric("pipeline_upload_rows_total{kind=\"medical\",outcome=\"rejected\"}") - rejectedBefore).isEqualTo(1);
        assertThat(metric("pipeline_upload_bytes_total") - bytesBefore).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** A valid medical row with claim id {@code id}. */
    static String row(String id) {
        return id + ",M1,1234567893,2024-01-01,99213,1,100.00,E11.9,11\n";
    }

    private static byte[] rows(int n) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rows.append("C").append(UUID.randomUUID().toString(), 0, 8).append(i).append(",M1,1234567893,2024-01-01,99213,1,100.00,E11.9,11\n");
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void refused(String kind, String csv, int status, String slug, String detail) {
        refused(kind, csv.getBytes(StandardCharsets.UTF_8), status, slug, detail);
    }

    private void refused(String kind, byte[] csv, int status, String slug, String detail) {
        Map<String, Long> before = db.counts();
        for (String policy : new String[] {"reject", "skip"}) {
            expectProblem(upload(token, ws, kind, policy, csv), status, slug)
                    .body("detail", startsWith(detail))
                    .body("errors[0].field", startsWith("line"));
        }
        assertThat(db.counts()).as("nothing stored").isEqualTo(before);
        assertThat(db.wsKey(ws)).isNull();
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://parley.dev/problems/" + slug))
                .body("status", equalTo(status))
                .body("requestId", notNullValue());
    }

    private static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }

    private static Map<String, Object> nulls(Map<String, Object> values, String... nullColumns) {
        Map<String, Object> row = new java.util.HashMap<>(values);
        for (String column : nullColumns) {
            row.put(column, null);
        }
        return row;
    }
}
