package dev.parley.pipeline.service;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.PipelineRunEvent;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.events.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Run events for {@code parley.pipeline.runs.v1} ({@code completed}, {@code failed}), written through the outbox in
 * the transaction that records the run's end; the topic is created at start when absent.
 */
@ApplicationScoped
public class RunEvents {

    private final AuditOutbox outbox;
    private final TopicProvisioner topics;
    private final PipelineConfig.Runs runs;

    public RunEvents(AuditOutbox outbox, TopicProvisioner topics, PipelineConfig config) {
        this.outbox = outbox;
        this.topics = topics;
        this.runs = config.runs();
    }

    void start(@Observes StartupEvent event) {
        topics.provision(runs.topic(), runs.partitions(), runs.replication(), runs.retention());
    }

    /** Adds the event of a run that ended ({@code completed} or {@code failed}) to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, String status, String tenantHash, String workspaceId, UUID runId,
            UUID jobId, Map<String, Long> stats, long durationMillis, String error) {
        UUID id = UuidV7.next();
        Instant now = Instant.now();
        PipelineRunEvent data = new PipelineRunEvent(id, now, tenantHash, workspaceId, runId, jobId, status, stats,
                durationMillis, error);
        return outbox.addEvent(tx, runs.topic(), "pipeline.run." + status,
                CloudEventEnvelope.wrap(id, Topics.PIPELINE_RUNS, status, "pipeline", now, tenantHash, null, data));
    }
}
