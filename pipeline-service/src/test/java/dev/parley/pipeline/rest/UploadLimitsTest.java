package dev.parley.pipeline.rest;

import static dev.parley.pipeline.rest.UploadTesting.MEDICAL_HEADER;
import static dev.parley.pipeline.rest.UploadTesting.token;
import static dev.parley.pipeline.rest.UploadTesting.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.parley.pipeline.ComplianceDouble;
import dev.parley.testing.TestJwtKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upload limits that are too large to reach in a test at their defaults: rows, reported errors, batches. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@TestProfile(UploadLimitsTest.SmallLimits.class)
class UploadLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.pipeline.uploads.max-rows", "100",
                    "parley.pipeline.uploads.reported-errors", "5",
                    "parley.pipeline.uploads.encrypt-batch", "7");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    UploadTesting db;
    String ws;
    String token;

    @BeforeEach
    void fresh() {
        db = new UploadTesting(dataSource);
        ws = UploadTesting.workspace();
        token = token("tenant-" + UUID.randomUUID(), ws);
    }

    @AfterEach
    void cleanUp() {
        db.delete(ws);
    }

    private static String rows(int n) {
        StringBuilder csv = new StringBuilder(MEDICAL_HEADER);
        for (int i = 1; i <= n; i++) {
            csv.append(UploadApiTest.row("C" + i));
        }
        return csv.toString();
    }

    @Test
    void moreRowsThanTheCapIs413AtTheFirstRowBeyond() {
        Map<String, Long> before = db.counts();
        upload(token, ws, "medical", "skip", rows(101)).statusCode(413)
                .body("type", equalTo("https://parley.dev/problems/payload-too-large"))
                .body("detail", equalTo("Line 102: the upload has more than 100 rows."))
                .body("errors[0].field", equalTo("line 102"));
        assertThat(db.counts()).isEqualTo(before);
        upload(token, ws, "medical", null, rows(100)).statusCode(201).body("rowsAccepted", equalTo(100));
    }

    @Test
    void onlyTheFirstErrorsAreListedButAllAreCounted() {
        String csv = rows(3) + "X1,M1,N,bad,99213,1,1,D,P\n".repeat(1)
                + "X2,M1,N,bad,99213,x,1,D,P\nX3,M1,N,bad,99213,x,y,D,P\nX4,M1,N,2024-01-01,99213,1,1.001,D,P\n";
        upload(token, ws, "medical", null, csv).statusCode(422)
                .body("detail", startsWith("7 row errors (the first 5 listed, from line 5)"))
                .body("errors.size()", equalTo(5))
                .body("errors.field", equalTo(List.of("line 5, column service_date", "line 6, column service_date",
                        "line 6, column units", "line 7, column service_date", "line 7, column units")));
        upload(token, ws, "medical", "skip", csv).statusCode(201)
                .body("rowsAccepted", equalTo(3)).body("rowsRejected", equalTo(4))
                .body("errorCount", equalTo(7)).body("errors.size()", equalTo(5));
    }

    @Test
    void membersAreEncryptedInBatchesOfTheConfiguredSize() {
        ComplianceDouble.LARGEST_BATCH.set(0);
        int calls = ComplianceDouble.CALLS.get();
        StringBuilder csv = new StringBuilder("member_id,first_name,last_name,date_of_birth\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("M").append(i).append(",First").append(i).append(",Last").append(i).append(",1970-01-0").append(i).append('\n');
        }
        upload(token, ws, "members", null, csv.toString()).statusCode(201).body("rowsAccepted", equalTo(5));
        assertThat(ComplianceDouble.LARGEST_BATCH.get()).as("at most 7 values a call, a row's 3 never split").isEqualTo(6);
        assertThat(ComplianceDouble.CALLS.get() - calls).as("6 + 6 + 3 values").isEqualTo(3);
        long wsKey = db.wsKey(ws);
        String tenantHash = (String) db.rows("SELECT tenant_hash FROM workspace WHERE ws_key = ?", wsKey).get(0).get("tenant_hash");
        List<Map<String, Object>> members = db.rows(
                "SELECT member_id, first_name_enc, last_name_enc, date_of_birth_enc FROM member WHERE ws_key = ? ORDER BY member_id", wsKey);
        assertThat(members).hasSize(5);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> m = members.get(i);
            assertThat(ComplianceDouble.decrypt(tenantHash, "member.firstName", (String) m.get("first_name_enc"))).isEqualTo("First" + (i + 1));
            assertThat(ComplianceDouble.decrypt(tenantHash, "member.lastName", (String) m.get("last_name_enc"))).isEqualTo("Last" + (i + 1));
            assertThat(ComplianceDouble.decrypt(tenantHash, "member.dateOfBirth", (String) m.get("date_of_birth_enc"))).isEqualTo("1970-01-0" + (i + 1));
        }
    }
}
