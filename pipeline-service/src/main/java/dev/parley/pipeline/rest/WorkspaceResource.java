package dev.parley.pipeline.rest;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.domain.CaseStatus;
import dev.parley.pipeline.domain.RiskLevel;
import dev.parley.pipeline.domain.Views;
import dev.parley.pipeline.repository.Cursors;
import dev.parley.pipeline.repository.WorkspaceQueries;
import dev.parley.pipeline.repository.Workspaces;
import dev.parley.pipeline.service.Cases;
import dev.parley.pipeline.service.RuleCatalogue;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The read API the agent's tools use, and the analysts' actions on cases. The workspace must be one of the token's
 * {@code wks} (else 403); a case, provider or run of another tenant or workspace answers 404.
 */
@Path("/v1/workspaces/{ws}")
@Authenticated
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class WorkspaceResource {

    static final String CASE_ID = "CASE-[0-9]{6,12}";
    static final String NPI = "[0-9]{10}";

    private final Workspaces workspaces;
    private final WorkspaceQueries queries;
    private final Cases cases;
    private final RuleCatalogue catalogue;
    private final SecurityIdentity identity;

    public WorkspaceResource(Workspaces workspaces, WorkspaceQueries queries, Cases cases, RuleCatalogue catalogue,
            SecurityIdentity identity) {
        this.workspaces = workspaces;
        this.queries = queries;
        this.cases = cases;
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Claims, cases by risk level and status, the last run")
    public Uni<Views.Stats> stats(@PathParam("ws") String ws) {
        return workspaces.find(caller(), ws).flatMap(found -> found == null
                ? Uni.createFrom().item(WorkspaceQueries.empty(ws)) : queries.stats(found));
    }

    @GET
    @Path("/cases")
    @Operation(summary = "Cases, highest risk first, filtered by risk level and status, a page at a time")
    public Uni<Views.CasePage> cases(@PathParam("ws") String ws, @QueryParam("riskLevel") String riskLevel,
            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (riskLevel != null && RiskLevel.parse(riskLevel) == null) {
            errors.add(new Problem.FieldError("riskLevel", "must be low, medium, high or critical"));
        }
        if (status != null && CaseStatus.parse(status) == null) {
            errors.add(new Problem.FieldError("status", "must be open, in_review, escalated or closed"));
        }
        limitOk(limit, errors);
        refuse(errors);
        String[] after = Cursors.parse(cursor);
        BigDecimal afterScore = after == null ? null : decimal(after[0]);
        return workspaces.find(caller(), ws).flatMap(found -> found == null
                ? Uni.createFrom().item(new Views.CasePage(List.of(), null))
                : queries.cases(found.wsKey(), riskLevel, status, limit, afterScore, after == null ? null : after[1]));
    }

    @GET
    @Path("/cases/{caseId}")
    @Operation(summary = "A case with its provider, rule hits, evidence claims and comments")
    public Uni<Views.CaseDetail> caseDetail(@PathParam("ws") String ws,
            @PathParam("caseId") @Pattern(regexp = CASE_ID) String caseId) {
        return workspaces.existing(caller(), ws).flatMap(found -> queries.caseDetail(found.wsKey(), caseId))
                .map(detail -> found(detail, "This workspace has no such case."));
    }

    public record CaseChange(String status, @Size(max = 128) String assignee) {}

    @PATCH
    @Path("/cases/{caseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "admin"})
    @Operation(summary = "Move a case's status or (un)assign it (role analyst); audited")
    public Uni<Views.CaseDetail> update(@PathParam("ws") String ws,
            @PathParam("caseId") @Pattern(regexp = CASE_ID) String caseId, @Valid @NotNull CaseChange change) {
        CaseStatus status = change.status() == null ? null : CaseStatus.parse(change.status());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (change.status() != null && status == null) {
            errors.add(new Problem.FieldError("status", "must be open, in_review, escalated or closed"));
        }
        if (change.status() == null && change.assignee() == null) {
            errors.add(new Problem.FieldError("body", "must change status or assignee"));
        }
        if (change.assignee() != null && change.assignee().chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError("assignee", "must not contain control characters"));
        }
        refuse(errors);
        return cases.update(caller(), ws, caseId, status, change.assignee());
    }

    public record NewComment(@NotNull @Size(min = 1, max = 4000) String body) {}

    @POST
    @Path("/cases/{caseId}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comment on a case; audited without its text")
    public Uni<Response> comment(@PathParam("ws") String ws,
            @PathParam("caseId") @Pattern(regexp = CASE_ID) String caseId, @Valid @NotNull NewComment comment) {
        if (comment.body().isBlank() || comment.body().indexOf('\u0000') >= 0) {
            refuse(List.of(new Problem.FieldError("body", "must be text, not blank")));
        }
        return cases.comment(caller(), ws, caseId, comment.body())
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The rules with their weights and thresholds, and their hits in this workspace")
    public Uni<List<Views.RuleView>> rules(@PathParam("ws") String ws,
            @QueryParam("triggeredOnly") @DefaultValue("false") boolean triggeredOnly) {
        return workspaces.find(caller(), ws)
                .flatMap(found -> found == null ? Uni.createFrom().item(java.util.Map.<String, long[]>of())
                        : queries.hitsByRule(found.wsKey()))
                .map(hits -> catalogue.rules().stream()
                        .map(rule -> {
                            long[] counts = hits.getOrDefault(rule.id(), new long[2]);
                            return new Views.RuleView(rule.id(), rule.name(), rule.description(), rule.claimKind().column(),
                                    rule.weight(), rule.cap(), rule.enabled(), rule.thresholds(), counts[0], counts[1]);
                        })
                        .filter(view -> !triggeredOnly || view.hits() > 0)
                        .toList());
    }

    @GET
    @Path("/providers/{npi}")
    @Operation(summary = "A provider with its claims, risk score, case and rule hits")
    public Uni<Views.ProviderView> provider(@PathParam("ws") String ws, @PathParam("npi") @Pattern(regexp = NPI) String npi) {
        return workspaces.existing(caller(), ws).flatMap(found -> queries.provider(found.wsKey(), npi))
                .map(view -> found(view, "This workspace has no such provider."));
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Pipeline runs, newest first, a page at a time")
    public Uni<Views.RunPage> runs(@PathParam("ws") String ws, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("cursor") String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        limitOk(limit, errors);
        refuse(errors);
        String[] after = Cursors.parse(cursor);
        OffsetDateTime afterStarted;
        UUID afterId;
        try {
            afterStarted = after == null ? null : OffsetDateTime.parse(after[0]);
            afterId = after == null ? null : UUID.fromString(after[1]);
        } catch (RuntimeException e) {
            throw Cursors.invalid();
        }
        return workspaces.find(caller(), ws).flatMap(found -> found == null
                ? Uni.createFrom().item(new Views.RunPage(List.of(), null))
                : queries.runs(found.wsKey(), limit, afterStarted, afterId));
    }

    @GET
    @Path("/runs/{runId}")
    @Operation(summary = "A run: its configuration snapshot, statistics and quality report")
    public Uni<Views.RunDetail> run(@PathParam("ws") String ws, @PathParam("runId") UUID runId) {
        return workspaces.existing(caller(), ws).flatMap(found -> queries.run(found.wsKey(), runId))
                .map(run -> found(run, "This workspace has no such run."));
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static <T> T found(T value, String detail) {
        if (value == null) {
            throw new ProblemException(ProblemKind.NOT_FOUND, detail);
        }
        return value;
    }

    private static void limitOk(int limit, List<Problem.FieldError> errors) {
        if (limit < 1 || limit > 100) {
            errors.add(new Problem.FieldError("limit", "must be between 1 and 100"));
        }
    }

    private static void refuse(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw Cursors.invalid();
        }
    }
}
