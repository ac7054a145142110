package dev.parley.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * pipeline-service's read API and case actions, called with the caller's own JWT (passed in each call, see CallContext): pipeline-service
 * checks the tenant and the workspace against the token again. Answers are kept as JSON: the model reads them as
 * tool results, the fast path maps them to {@link PipelineViews}.
 */
@RegisterRestClient(configKey = "pipeline")
@Path("/v1/workspaces/{ws}")
interface PipelineApi {

    record StatusChange(String status) {}

    record NewComment(String body) {}

    @GET
    @Path("/stats")
    Uni<JsonNode> stats(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId);

    @GET
    @Path("/cases")
    Uni<JsonNode> cases(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @QueryParam("riskLevel") String riskLevel,
            @QueryParam("status") String status, @QueryParam("limit") Integer limit);

    @GET
    @Path("/cases/{caseId}")
    Uni<JsonNode> caseDetail(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @PathParam("caseId") String caseId);

    @GET
    @Path("/rules")
    Uni<JsonNode> rules(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @QueryParam("triggeredOnly") boolean triggeredOnly);

    @GET
    @Path("/providers/{npi}")
    Uni<JsonNode> provider(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @PathParam("npi") String npi);

    @PATCH
    @Path("/cases/{caseId}")
    Uni<JsonNode> changeStatus(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @PathParam("caseId") String caseId, StatusChange change);

    @POST
    @Path("/cases/{caseId}/comments")
    Uni<JsonNode> comment(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, @PathParam("caseId") String caseId, NewComment comment);

    @POST
    @Path("/jobs")
    Uni<JsonNode> runPipeline(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("ws") String workspaceId, JsonNode request);
}
