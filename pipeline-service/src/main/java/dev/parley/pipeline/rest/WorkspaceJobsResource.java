package dev.parley.pipeline.rest;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.domain.QualityMode;
import dev.parley.pipeline.service.PipelineJobs;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Submitting a pipeline job for a workspace (role analyst); {@link JobResource} reads and follows it. */
@Path("/v1/workspaces/{ws}/jobs")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceJobsResource {

    private final PipelineJobs jobs;
    private final SecurityIdentity identity;

    public WorkspaceJobsResource(PipelineJobs jobs, SecurityIdentity identity) {
        this.jobs = jobs;
        this.identity = identity;
    }

    public record JobRequest(Boolean forceReprocess, String qualityMode) {}

    public record Submitted(UUID jobId, String status) {}

    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "admin"})
    @Operation(summary = "Run the pipeline for a workspace (202; the job runs on a worker)")
    public Uni<Response> submit(@PathParam("ws") String workspaceId, JobRequest body) {
        JobRequest request = body == null ? new JobRequest(null, null) : body;
        QualityMode mode = request.qualityMode() == null ? QualityMode.SKIP_INVALID : QualityMode.parse(request.qualityMode());
        if (mode == null) {
            throw new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.", List.of(new Problem.FieldError(
                    "qualityMode", "must be skip_invalid, halt_on_errors or flag_only")));
        }
        return jobs.submit(Caller.of(identity), workspaceId, Boolean.TRUE.equals(request.forceReprocess()), mode)
                .map(job -> Response.accepted(new Submitted(job.jobId(), job.status()))
                        .location(URI.create("/v1/jobs/" + job.jobId())).build());
    }

}
