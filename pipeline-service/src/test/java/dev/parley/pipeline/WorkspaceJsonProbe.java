package dev.parley.pipeline;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * A JSON endpoint under {@code /v1/workspaces/}, which is a streamed prefix (uploads), that exists only in tests:
 * the JSON body limit must hold there as everywhere else.
 */
@Path("/v1/workspaces/{ws}/test-json-probe")
@Authenticated
public class WorkspaceJsonProbe {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> echo(Map<String, Object> body) {
        return Map.of("keys", body.size());
    }
}
