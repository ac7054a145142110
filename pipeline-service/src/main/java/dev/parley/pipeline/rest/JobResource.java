package dev.parley.pipeline.rest;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.JobState;
import dev.parley.pipeline.domain.QualityMode;
import dev.parley.pipeline.service.PipelineJobs;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Pipeline jobs: read one's state, follow its progress as server-sent events (submitted by {@link WorkspaceJobsResource}). */
@Path("/v1/jobs")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final PipelineJobs jobs;
    private final SecurityIdentity identity;
    private final PipelineConfig config;

    public JobResource(PipelineJobs jobs, SecurityIdentity identity, PipelineConfig config) {
        this.jobs = jobs;
        this.identity = identity;
        this.config = config;
    }

    /** A job's state as the API shows it. */
    public record JobView(UUID jobId, String workspaceId, String status, String phase, int progress,
            long claimsProcessed, List<String> errors, UUID runId, int attempt, boolean forceReprocess,
            String qualityMode, Instant createdAt, Instant startedAt, Instant completedAt, String worker) {
        static JobView of(JobState job) {
            return new JobView(job.jobId(), job.workspaceId(), job.status(), job.phase(), job.progress(),
                    job.claimsProcessed(), job.errors(), job.runId(), job.attempt(), job.forceReprocess(),
                    job.qualityMode().wire(), job.createdAt(), job.startedAt(), job.completedAt(), job.worker());
        }
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "A job's state: status, phase, progress, claims processed, errors, times")
    public Uni<JobView> job(@PathParam("id") UUID jobId) {
        return jobs.find(Caller.of(identity), jobId).map(JobView::of);
    }

    /**
     * The job's state each time it changes, as server-sent events, ending with the state that ended it; an unchanged
     * state is sent again every 15 s so that idle proxies keep the stream open.
     */
    @GET
    @Path("/{id}/events")
    @Authenticated
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow a job's progress (server-sent events until it ends)")
    public Multi<JobView> events(@PathParam("id") UUID jobId) {
        Caller caller = Caller.of(identity);
        AtomicReference<JobView> last = new AtomicReference<>();
        AtomicLong lastSent = new AtomicLong();
        AtomicBoolean ended = new AtomicBoolean();
        return jobs.find(caller, jobId)
                .onItem().transformToMulti(first -> Multi.createBy().concatenating().streams(
                        Multi.createFrom().item(first),
                        Multi.createFrom().ticks().every(config.jobs().progressEvery())
                                .onItem().transformToUniAndConcatenate(tick -> jobs.find(caller, jobId))))
                .map(JobView::of)
                .select().where(view -> {
                    long now = System.nanoTime();
                    boolean due = !view.equals(last.getAndSet(view)) || now - lastSent.get() > KEEP_ALIVE_NANOS;
                    if (due) {
                        lastSent.set(now);
                    }
                    return due;
                })
                .select().first(view -> !ended.getAndSet(isEnd(view)));
    }

    private static final long KEEP_ALIVE_NANOS = java.time.Duration.ofSeconds(15).toNanos();

    private static boolean isEnd(JobView view) {
        return JobState.COMPLETED.equals(view.status()) || JobState.FAILED.equals(view.status());
    }
}
