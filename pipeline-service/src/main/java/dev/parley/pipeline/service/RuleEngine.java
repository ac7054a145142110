package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.QualityMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

/** STUB until the rule engine lands (helper-rules). */
@ApplicationScoped
public class RuleEngine {
    public Uni<Map<String, Long>> run(SqlClient client, long wsKey, UUID runId, QualityMode mode, boolean force,
            IntConsumer rulesDone) {
        return Uni.createFrom().item(Map.of());
    }
}
