package dev.parley.pipeline.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/** STUB until risk scoring lands (helper-rules). */
@ApplicationScoped
public class RiskScoring {
    public Uni<CaseStats> run(SqlClient client, long wsKey, UUID runId) {
        return Uni.createFrom().item(new CaseStats(0, 0, Map.of()));
    }
}
