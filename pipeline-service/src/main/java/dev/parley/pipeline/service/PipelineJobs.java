package dev.parley.pipeline.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.domain.JobState;
import dev.parley.pipeline.domain.QualityMode;
import dev.parley.pipeline.repository.JobStore;
import dev.parley.pipeline.repository.Workspaces;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Submitting pipeline jobs and reading their state. A job is recorded in the audit trail ({@code pipeline.job.submitted},
 * through the outbox) before it is queued, so no job runs unrecorded. Another tenant's job, or one of a workspace
 * the token does not grant, answers 404.
 */
@ApplicationScoped
public class PipelineJobs {

    private static final String NOT_FOUND = "No job of yours has this id.";

    private final Pool pool;
    private final Workspaces workspaces;
    private final JobStore jobs;
    private final AuditOutbox outbox;

    public PipelineJobs(Pool pool, Workspaces workspaces, JobStore jobs, AuditOutbox outbox) {
        this.pool = pool;
        this.workspaces = workspaces;
        this.jobs = jobs;
        this.outbox = outbox;
    }

    /** Queues a job for the caller's workspace; its state, queued. */
    public Uni<JobState> submit(Caller caller, String workspaceId, boolean forceReprocess, QualityMode mode) {
        JobState job = JobState.queued(UuidV7.next(), caller.tenantHash(), workspaceId, caller.subjectHash(),
                forceReprocess, mode, Instant.now());
        return pool.withTransaction(tx -> workspaces.open(tx, caller, workspaceId)
                        .flatMap(workspace -> outbox.add(tx, caller, "pipeline.job.submitted", "pipeline-job",
                                job.jobId().toString(), AuditEvent.Outcome.SUCCESS, AuditDetails.builder()
                                        .kind("qualityMode", mode).flag("forceReprocess", forceReprocess).build())))
                .flatMap(audited -> jobs.submit(job))
                .replaceWith(job);
    }

    /** The caller's job. */
    public Uni<JobState> find(Caller caller, UUID jobId) {
        return jobs.find(jobId).map(job -> {
            if (job == null || !job.tenantHash().equals(caller.tenantHash()) || !caller.mayUse(job.workspaceId())) {
                throw new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND);
            }
            return job;
        });
    }
}
