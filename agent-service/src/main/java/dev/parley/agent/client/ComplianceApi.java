package dev.parley.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** compliance-service, called with the caller's own JWT (propagated), so its tenant's policy and vault apply. */
@RegisterRestClient(configKey = "compliance")
@RegisterClientHeaders
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
    Uni<Scrubbed> scrub(ScrubRequest request);

    @POST
    @Path("/detokenize")
    Uni<Restored> detokenize(DetokenizeRequest request);
}
