package dev.parley.agent.rest;

import dev.parley.agent.prompt.PromptListing;
import dev.parley.agent.prompt.PromptRegistry;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /v1/prompts}: the prompt versions the service loaded, their changelogs, A/B weights and the versions
 * in use. Template texts are not shown; each version's SHA-256 identifies its text.
 */
@Path("/v1/prompts")
@Authenticated
@SecurityRequirement(name = "jwt")
public class PromptResource {

    private final PromptRegistry prompts;

    public PromptResource(PromptRegistry prompts) {
        this.prompts = prompts;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prompt versions with changelogs, A/B weights and active versions")
    public List<PromptListing> list() {
        return prompts.list();
    }
}
