package dev.parley.conversation.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** compliance-service, called with the caller's own JWT (propagated), so its tenant applies. */
@RegisterRestClient(configKey = "compliance")
@RegisterClientHeaders
@Path("/v1")
interface ComplianceApi {

    record ScrubRequest(String text, String operator) {}

    record ScrubResponse(String text) {}

    record PayloadRequest(JsonNode json) {}

    record PathFinding(String path, String type, int start, int end) {}

    record PayloadResponse(List<PathFinding> findings) {}

    @POST
    @Path("/scrub")
    Uni<ScrubResponse> scrub(ScrubRequest request);

    @POST
    @Path("/scan/payload")
    Uni<PayloadResponse> scanPayload(PayloadRequest request);
}
