package dev.parley.pipeline.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.domain.CsvErrorPolicy;
import dev.parley.pipeline.domain.CsvRowError;
import dev.parley.pipeline.domain.CsvSchema;
import dev.parley.pipeline.repository.Workspaces;
import dev.parley.pipeline.service.UploadResult;
import dev.parley.pipeline.service.Uploads;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Claims, provider and member uploads as CSV (README: "Data formats (uploads)"). The body is streamed through the
 * parser into the database and never held whole; the upload is stored entirely or not at all.
 */
@Path("/v1/workspaces/{ws}/uploads")
@RolesAllowed({"user", "analyst", "admin"})
@SecurityRequirement(name = "jwt")
public class UploadResource {

    private static final String TEXT_CSV = "text/csv";

    private final Uploads uploads;
    private final SecurityIdentity identity;

    public UploadResource(Uploads uploads, SecurityIdentity identity) {
        this.uploads = uploads;
        this.identity = identity;
    }

    public record RowErrorView(long line, @JsonInclude(JsonInclude.Include.NON_NULL) String column, String message) {}

    public record UploadView(UUID uploadId, String kind, long rowsTotal, long rowsAccepted, long rowsRejected,
            List<RowErrorView> errors, long errorCount) {}

    @POST
    @Consumes({TEXT_CSV, MediaType.MULTIPART_FORM_DATA})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Upload medical or pharmacy claims, providers or members as CSV; all or nothing")
    public RestResponse<UploadView> upload(@PathParam("ws") String workspaceId, @QueryParam("kind") String kind,
            @QueryParam("onRowError") String onRowError, @Context HttpHeaders headers, InputStream body) {
        Caller caller = Caller.of(identity);
        Workspaces.allowed(caller, workspaceId);
        List<Problem.FieldError> invalid = new ArrayList<>();
        CsvSchema schema = CsvSchema.of(kind).orElse(null);
        if (schema == null) {
            invalid.add(new Problem.FieldError("kind", "must be medical, pharmacy, providers or members"));
        }
        CsvErrorPolicy policy = onRowError == null ? CsvErrorPolicy.REJECT : CsvErrorPolicy.of(onRowError).orElse(null);
        if (policy == null) {
            invalid.add(new Problem.FieldError("onRowError", "must be reject or skip"));
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    invalid.size() == 1 ? "1 field is invalid." : invalid.size() + " fields are invalid.", invalid);
        }
        MediaType type = headers.getMediaType();
        String charset = type.getParameters().get("charset");
        if (charset != null && !charset.replace("\"", "").toLowerCase(Locale.ROOT).equals("utf-8")) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "Uploads are UTF-8; no other charset is read.");
        }
        String boundary = null;
        if (type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            boundary = type.getParameters().get("boundary");
            if (boundary == null || boundary.isEmpty()) {
                throw new ProblemException(ProblemKind.BAD_REQUEST, "A multipart upload needs its boundary parameter.");
            }
        }
        UploadResult result = uploads.upload(caller, workspaceId, schema, policy, body, boundary);
        return RestResponse.status(RestResponse.Status.CREATED, view(result));
    }

    private static UploadView view(UploadResult result) {
        return new UploadView(result.uploadId(), result.schema().kind(), result.rowsTotal(), result.rowsAccepted(),
                result.rowsRejected(), result.errors().stream().map(UploadResource::view).toList(), result.errorCount());
    }

    private static RowErrorView view(CsvRowError error) {
        return new RowErrorView(error.line(), error.column(), error.message());
    }
}
