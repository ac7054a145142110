package dev.parley.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** compliance-service, called with the caller's own JWT (passed in each call, see CallContext), so its tenant's policy and vault apply. */
@RegisterRestClient(configKey = "compliance")
@Path("/v1")
interface ComplianceApi {

    record ScrubRequest(String text, String operator, String conversationId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Finding(String type, int start, int end, String placeholder) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Scrubbed(String text, List<Finding> findings, Map<String, Integer> stats) {}

    record DetokenizeRequest(String text, String conversationId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Restored(String text) {}

    @POST
    @Path("/scrub")
    Uni<Scrubbed> scrub(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, ScrubRequest request);

    @POST
    @Path("/detokenize")
    Uni<Restored> detokenize(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, DetokenizeRequest request);
}
