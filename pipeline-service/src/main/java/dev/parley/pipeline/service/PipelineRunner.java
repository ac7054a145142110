package dev.parley.pipeline.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.pipeline.domain.JobState;
import dev.parley.pipeline.domain.QualityMode;
import dev.parley.pipeline.repository.JobStore;
import dev.parley.pipeline.repository.WorkspaceQueries;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.audit.AuditPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Runs one pipeline job of a workspace, on a worker thread: quality gates, rules, risk scores and cases, then the
 * run's record, all in ONE database transaction, so a run is all or nothing and a job that dies mid-way leaves no
 * partial result; run again from the start it converges to the same hits and cases (every phase is idempotent).
 * Jobs of one workspace never run side by side: the run holds the workspace's advisory lock.
 *
 * <p>Incremental: the quality gate looks at claims not processed yet, unless the job forces reprocessing or
 * reference data (providers, members) changed since the last run, which re-checks and re-scores everything. A job
 * with nothing new completes at once with a run of zero claims.
 *
 * <p>Metrics: {@code pipeline_runs_total{status}}, {@code pipeline_duration_seconds},
 * {@code pipeline_claims_processed_total}.
 */
@ApplicationScoped
public class PipelineRunner {

    private static final Logger LOG = Logger.getLogger(PipelineRunner.class);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pool pool;
    private final JobStore jobs;
    private final QualityGate quality;
    private final RuleEngine rules;
    private final RiskScoring scoring;
    private final RuleCatalogue catalogue;
    private final AuditOutbox outbox;
    private final AuditPublisher audit;
    private final RunEvents events;
    private final WorkspaceQueries queries;
    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter claimsProcessed;

    public PipelineRunner(Pool pool, JobStore jobs, QualityGate quality, RuleEngine rules, RiskScoring scoring,
            RuleCatalogue catalogue, AuditOutbox outbox, AuditPublisher audit, RunEvents events, WorkspaceQueries queries,
            MeterRegistry registry) {
        this.pool = pool;
        this.jobs = jobs;
        this.quality = quality;
        this.rules = rules;
        this.scoring = scoring;
        this.catalogue = catalogue;
        this.outbox = outbox;
        this.audit = audit;
        this.events = events;
        this.queries = queries;
        this.registry = registry;
        this.duration = Timer.builder("pipeline.duration").description("Time a pipeline run took, queue excluded")
                .publishPercentileHistogram().register(registry);
        this.claimsProcessed = Counter.builder("pipeline.claims.processed")
                .description("Claims that went through a completed pipeline run").register(registry);
        for (String status : List.of(JobState.COMPLETED, JobState.FAILED)) {
            runs(status);
        }
    }

    /** Why a run stopped on purpose (a quality gate in halt_on_errors mode): the job fails with this reason. */
    static final class Halted extends RuntimeException {
        Halted(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What a run produced. */
    record Outcome(long claims, QualityReport report, Map<String, Long> hits, CaseStats cases) {}

    /**
     * Runs {@code job} to its end and records the end in the job's state; blocking (worker threads only). A failure of
     * the infrastructure (database, Redis) is thrown, and the job stays claimed so that it is retried.
     */
    public JobState run(JobState claimed, String worker) {
        Instant started = Instant.now();
        UUID runId = claimed.runId() != null ? claimed.runId() : UuidV7.next();
        JobState job = update(claimed, j -> new JobState(j.jobId(), j.tenantHash(), j.workspaceId(), j.requestedBy(),
                j.forceReprocess(), j.qualityMode(), JobState.RUNNING, "quality", 5, 0, List.of(), runId,
                j.attempt() + 1, j.createdAt(), started, null, worker));
        Timer.Sample sample = Timer.start(registry);
        try {
            Outcome outcome = pool.withConnection(lock -> lock.preparedQuery("""
                                    INSERT INTO workspace (tenant_hash, workspace_id) VALUES ($1, $2)
                                    ON CONFLICT (tenant_hash, workspace_id) DO UPDATE SET tenant_hash = EXCLUDED.tenant_hash
                                    RETURNING ws_key""")
                            .execute(Tuple.of(job.tenantHash(), job.workspaceId()))
                            .map(rows -> rows.iterator().next().getLong("ws_key"))
                            .call(wsKey -> lock.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(wsKey)))
                            .flatMap(wsKey -> runLocked(job, wsKey, runId, started)
                                    .eventually(() -> lock.preparedQuery("SELECT pg_advisory_unlock($1)")
                                            .execute(Tuple.of(wsKey)))))
                    .await().atMost(RUN_LIMIT);
            sample.stop(duration);
            runs(JobState.COMPLETED).increment();
            claimsProcessed.increment(outcome.claims());
            return update(job, j -> ended(j, JobState.COMPLETED, outcome.claims(), List.of()));
        } catch (Halted halted) {
            sample.stop(duration);
            runs(JobState.FAILED).increment();
            return update(job, j -> ended(j, JobState.FAILED, 0, List.of(halted.getMessage())));
        }
    }

    /** Records a job that cannot run any more (it failed too often) as failed, with a run record saying why. */
    public JobState giveUp(JobState job, String reason) {
        runs(JobState.FAILED).increment();
        UUID runId = job.runId() != null ? job.runId() : UuidV7.next();
        pool.withTransaction(tx -> tx.preparedQuery("""
                                INSERT INTO workspace (tenant_hash, workspace_id) VALUES ($1, $2)
                                ON CONFLICT (tenant_hash, workspace_id) DO UPDATE SET tenant_hash = EXCLUDED.tenant_hash
                                RETURNING ws_key""")
                        .execute(Tuple.of(job.tenantHash(), job.workspaceId()))
                        .map(rows -> rows.iterator().next().getLong("ws_key"))
                        .call(wsKey -> startRun(tx, job, wsKey, runId, false, Instant.now())
                                .flatMap(ignored -> failRun(tx, job, runId, reason, Instant.now()))))
                .invoke(queries::statsChanged)
                .await().atMost(Duration.ofMinutes(1));
        return update(job, j -> ended(new JobState(j.jobId(), j.tenantHash(), j.workspaceId(), j.requestedBy(),
                j.forceReprocess(), j.qualityMode(), j.status(), j.phase(), j.progress(), 0, j.errors(), runId,
                j.attempt(), j.createdAt(), j.startedAt(), null, j.worker()), JobState.FAILED, 0, List.of(reason)));
    }

    private Uni<Outcome> runLocked(JobState job, long wsKey, UUID runId, Instant started) {
        return pool.withTransaction(tx -> fullRun(tx, job, wsKey).flatMap(force -> startRun(tx, job, wsKey, runId, force, started)
                        .flatMap(ignored -> quality.run(tx, wsKey, runId, force))
                        .invoke(report -> {
                            if (job.qualityMode() == QualityMode.HALT_ON_ERRORS && report.failed() > 0) {
                                throw new Halted("the quality gate failed " + report.failed() + " of " + report.total()
                                        + " claims (halt_on_errors)");
                            }
                            progress(job, "rules", 30, report.total());
                        })
                        .flatMap(report -> report.total() == 0 && !force
                                // nothing new since the last run: the hits and cases stand as they are
                                ? Uni.createFrom().item(new Outcome(0, report, Map.of(), new CaseStats(0, 0, Map.of())))
                                : rules.run(tx, wsKey, runId, job.qualityMode(), force,
                                        done -> progress(job, "rules", 30 + Math.min(50, done * 5), report.total()))
                                .invoke(hits -> progress(job, "scoring", 80, report.total()))
                                .flatMap(hits -> scoring.run(tx, wsKey, runId)
                                        .invoke(cases -> progress(job, "finishing", 95, report.total()))
                                        .map(cases -> new Outcome(report.total(), report, hits, cases))))
                        .call(outcome -> completeRun(tx, job, wsKey, runId, force, outcome, started))))
                .onFailure(Halted.class).call(halted -> pool.withTransaction(tx -> startRun(tx, job, wsKey, runId, false, started)
                        .flatMap(ignored -> failRun(tx, job, runId, halted.getMessage(), started))))
                .eventually(() -> queries.statsChanged(wsKey));
    }

    /**
     * Whether this run re-checks everything: the job asked for it, or providers or members were uploaded since the
     * last run (a claim's referential checks and its member's coverage may have changed).
     */
    private Uni<Boolean> fullRun(SqlConnection tx, JobState job, long wsKey) {
        if (job.forceReprocess()) {
            return Uni.createFrom().item(true);
        }
        return tx.preparedQuery("""
                        SELECT EXISTS (SELECT 1 FROM upload u JOIN workspace w ON w.ws_key = u.ws_key
                                       WHERE u.ws_key = $1 AND u.kind IN ('providers', 'members')
                                         AND (w.last_run_at IS NULL OR u.created_at > w.last_run_at)) AS changed""")
                .execute(Tuple.of(wsKey))
                .map(rows -> rows.iterator().next().getBoolean("changed"));
    }

    private Uni<Void> startRun(SqlConnection tx, JobState job, long wsKey, UUID runId, boolean force, Instant started) {
        return tx.preparedQuery("""
                        INSERT INTO pipeline_run (id, ws_key, job_id, status, quality_mode, force_reprocess, config_snapshot, started_at)
                        VALUES ($1, $2, $3, 'running', $4, $5, $6, $7)
                        ON CONFLICT (id) DO UPDATE SET status = 'running', started_at = EXCLUDED.started_at,
                            force_reprocess = EXCLUDED.force_reprocess, config_snapshot = EXCLUDED.config_snapshot""")
                .execute(Tuple.tuple(List.of(runId, wsKey, job.jobId(), job.qualityMode().wire(), force,
                        new JsonObject(catalogue.snapshot()), started.atOffset(java.time.ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    private Uni<Void> completeRun(SqlConnection tx, JobState job, long wsKey, UUID runId, boolean force, Outcome outcome,
            Instant started) {
        Instant now = Instant.now();
        Map<String, Long> stats = stats(outcome);
        // only claims the gate checked: one uploaded while this run went on is left for the next run
        return tx.preparedQuery("""
                        UPDATE medical_claim SET processed_run = $2
                        WHERE ws_key = $1 AND quality_status IS NOT NULL AND (processed_run IS NULL OR $3)""")
                .execute(Tuple.of(wsKey, runId, force))
                .flatMap(medical -> tx.preparedQuery("""
                                UPDATE pharmacy_claim SET processed_run = $2
                                WHERE ws_key = $1 AND quality_status IS NOT NULL AND (processed_run IS NULL OR $3)""")
                        .execute(Tuple.of(wsKey, runId, force)))
                .flatMap(pharmacy -> tx.preparedQuery("""
                                UPDATE workspace SET last_pipeline_run = $2, last_run_at = $3, needs_reprocessing = false
                                WHERE ws_key = $1""")
                        .execute(Tuple.of(wsKey, runId, now.atOffset(java.time.ZoneOffset.UTC))))
                .flatMap(workspace -> tx.preparedQuery("""
                                UPDATE pipeline_run SET status = 'completed', stats = $2, quality_report = $3, completed_at = $4
                                WHERE id = $1""")
                        .execute(Tuple.of(runId, new JsonObject(new LinkedHashMap<>(stats)),
                                JsonObject.mapFrom(outcome.report()), now.atOffset(java.time.ZoneOffset.UTC))))
                .flatMap(run -> outbox.add(tx, audit.systemEvent(job.tenantHash(), job.requestedBy(),
                        "pipeline.run.completed", "pipeline-run", runId.toString(), AuditEvent.Outcome.SUCCESS,
                        AuditDetails.builder().id("jobId", job.jobId()).count("claims", outcome.claims())
                                .count("qualityFailed", outcome.report().failed())
                                .count("ruleHits", stats.get("ruleHits"))
                                .count("casesOpened", outcome.cases().opened())
                                .count("casesUpdated", outcome.cases().updated()).flag("full", force).build())))
                .flatMap(audited -> events.add(tx, JobState.COMPLETED, job.tenantHash(), job.workspaceId(), runId,
                        job.jobId(), stats, Duration.between(started, now).toMillis(), null));
    }

    private Uni<Void> failRun(SqlConnection tx, JobState job, UUID runId, String reason, Instant started) {
        Instant now = Instant.now();
        return tx.preparedQuery("UPDATE pipeline_run SET status = 'failed', error = $2, completed_at = $3 WHERE id = $1")
                .execute(Tuple.of(runId, reason, now.atOffset(java.time.ZoneOffset.UTC)))
                .flatMap(run -> outbox.add(tx, audit.systemEvent(job.tenantHash(), job.requestedBy(),
                        "pipeline.run.failed", "pipeline-run", runId.toString(), AuditEvent.Outcome.ERROR,
                        AuditDetails.builder().id("jobId", job.jobId()).build())))
                .flatMap(audited -> events.add(tx, JobState.FAILED, job.tenantHash(), job.workspaceId(), runId,
                        job.jobId(), Map.of(), Duration.between(started, now).toMillis(), reason));
    }

    private static Map<String, Long> stats(Outcome outcome) {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("claimsProcessed", outcome.claims());
        stats.put("qualityPassed", outcome.report().passed());
        stats.put("qualityFailed", outcome.report().failed());
        stats.put("ruleHits", outcome.hits().values().stream().mapToLong(Long::longValue).sum());
        outcome.hits().forEach((rule, hits) -> stats.put("hits." + rule, hits));
        stats.put("casesOpened", (long) outcome.cases().opened());
        stats.put("casesUpdated", (long) outcome.cases().updated());
        outcome.cases().byLevel().forEach((level, count) -> stats.put("cases." + level, (long) count));
        return stats;
    }

    /** Publishes a running job's progress (non-blocking: called from database callbacks). */
    private void progress(JobState job, String phase, int percent, long claims) {
        jobs.progress(job.jobId(), phase, percent, claims)
                .subscribe().with(written -> { }, failure -> LOG.debugf("progress not written: %s", failure.getClass()));
    }

    private static JobState ended(JobState j, String status, long claims, List<String> errors) {
        return new JobState(j.jobId(), j.tenantHash(), j.workspaceId(), j.requestedBy(), j.forceReprocess(),
                j.qualityMode(), status, "done", JobState.COMPLETED.equals(status) ? 100 : j.progress(), claims, errors,
                j.runId(), j.attempt(), j.createdAt(), j.startedAt(), Instant.now(), j.worker());
    }

    private JobState update(JobState job, UnaryOperator<JobState> change) {
        JobState next = change.apply(job);
        jobs.save(next);
        return next;
    }

    private Counter runs(String status) {
        return Counter.builder("pipeline.runs").description("Pipeline runs that ended, by status").tag("status", status)
                .register(registry);
    }
}
