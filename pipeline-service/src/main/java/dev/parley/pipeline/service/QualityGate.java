package dev.parley.pipeline.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** STUB until the quality gate lands (helper-rules). */
@ApplicationScoped
public class QualityGate {
    public Uni<QualityReport> run(SqlClient client, long wsKey, UUID runId, boolean force) {
        return client.preparedQuery("""
                        UPDATE medical_claim SET quality_status = 'passed' WHERE ws_key = $1 AND (processed_run IS NULL OR $2)""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(wsKey, force))
                .map(rows -> new QualityReport(rows.rowCount(), rows.rowCount(), 0, Map.of(), List.of()));
    }
}
