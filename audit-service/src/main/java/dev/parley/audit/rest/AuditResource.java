package dev.parley.audit.rest;

import dev.parley.audit.domain.AuditFilter;
import dev.parley.audit.domain.StatsRow;
import dev.parley.audit.domain.VerifyReport;
import dev.parley.audit.service.AuditTrail;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The audit trail of the caller's tenant, for auditors and admins. Database work runs on worker threads. */
@Path("/v1/audit")
@RolesAllowed({"auditor", "admin"})
@SecurityRequirement(name = "jwt")
@Blocking
public class AuditResource {

    private final AuditTrail trail;
    private final SecurityIdentity identity;

    public AuditResource(AuditTrail trail, SecurityIdentity identity) {
        this.trail = trail;
        this.identity = identity;
    }

    @GET
    @Path("/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit events of the caller's tenant, newest first, with keyset pagination")
    public AuditTrail.Page events(@QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("resourceType") String resourceType, @QueryParam("resourceId") String resourceId,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) throws SQLException {
        return trail.list(Caller.of(identity),
                AuditFilter.parse(action, actor, resourceType, resourceId, outcome, from, to, cursor, limit));
    }

    @GET
    @Path("/export")
    @Produces({"application/x-ndjson", "text/csv"})
    @Operation(summary = "Every matching event, streamed as JSON lines or CSV (formula-safe cells)")
    public Response export(@QueryParam("format") String format, @QueryParam("action") String action,
            @QueryParam("actor") String actor, @QueryParam("resourceType") String resourceType,
            @QueryParam("resourceId") String resourceId, @QueryParam("outcome") String outcome,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditTrail.Format chosen = switch (format == null ? "jsonl" : format) {
            case "jsonl" -> AuditTrail.Format.JSONL;
            case "csv" -> AuditTrail.Format.CSV;
            default -> throw new ProblemException(ProblemKind.VALIDATION, "1 parameter is invalid.",
                    List.of(new Problem.FieldError("format", "must be jsonl or csv")));
        };
        AuditFilter filter = AuditFilter.parse(action, actor, resourceType, resourceId, outcome, from, to, null, null);
        AuditTrail.Exporter exporter = trail.export(Caller.of(identity), filter, chosen);
        StreamingOutput body = exporter::write;
        boolean csv = chosen == AuditTrail.Format.CSV;
        return Response.ok(body)
                .type(csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit-export." + (csv ? "csv" : "jsonl") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute the hash chain and checkpoints; report the first broken link")
    public VerifyReport verify(@QueryParam("from") String from, @QueryParam("to") String to)
            throws SQLException, IOException {
        AuditFilter range = AuditFilter.parse(null, null, null, null, null, from, to, null, null);
        return trail.verify(Caller.of(identity), range.from(), range.to());
    }

    @GET
    @Path("/stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Event counts by service, action and outcome")
    public List<StatsRow> stats(@QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        AuditFilter range = AuditFilter.parse(null, null, null, null, null, from, to, null, null);
        return trail.stats(Caller.of(identity), range.from(), range.to());
    }
}
