package dev.parley.pipeline.rest;

import static io.restassured.RestAssured.given;

import dev.parley.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** What the upload tests share: tokens, uploads and reading what the database holds. */
final class UploadTesting {

    static final List<String> TABLES = List.of("workspace", "upload", "medical_claim", "pharmacy_claim", "provider",
            "member");
    static final String MEDICAL_HEADER =
            "claim_id,member_id,provider_npi,service_date,cpt_code,units,amount_billed,diagnosis_code,place_of_service\n";

    private final AgroalDataSource db;

    UploadTesting(AgroalDataSource db) {
        this.db = db;
    }

    static String workspace() {
        return "ws-" + UUID.randomUUID();
    }

    static String token(String tenant, String workspace) {
        return TestTokens.valid(tenant, "uploader@example.test", Set.of("user"), List.of(workspace));
    }

    static ValidatableResponse upload(String token, String workspace, String kind, String policy, String csv) {
        return upload(token, workspace, kind, policy, csv.getBytes(StandardCharsets.UTF_8));
    }

    static ValidatableResponse upload(String token, String workspace, String kind, String policy, byte[] csv) {
        var request = given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").queryParam("kind", kind).body(csv);
        if (policy != null) {
            request.queryParam("onRowError", policy);
        }
        return request.post("/v1/workspaces/{ws}/uploads", workspace).then();
    }

    /** Row counts of every table an upload writes to. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, number("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** Deletes everything uploaded into the workspaces named {@code workspace}, of any tenant. */
    void delete(String workspace) {
        try (Connection connection = db.getConnection()) {
            for (String table : List.of("member", "provider", "medical_claim", "pharmacy_claim", "upload", "workspace")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE ws_key IN (SELECT ws_key FROM workspace WHERE workspace_id = ?)")) {
                    delete.setString(1, workspace);
                    delete.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Long wsKey(String workspace) {
        return number("SELECT max(ws_key) FROM workspace WHERE workspace_id = ?", workspace);
    }

    Long number(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        Object value = rows.get(0).values().iterator().next();
        return value == null ? null : ((Number) value).longValue();
    }

    List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns; c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
