package dev.parley.conversation.rest;

import dev.parley.conversation.service.PageContexts;
import dev.parley.platform.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The webhook a system of record calls when a resource changed: cached page summaries of it are dropped. */
@Path("/v1/page-context")
@RolesAllowed({"admin", "service"})
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class PageContextResource {

    private static final String RESOURCE = "[A-Za-z0-9._-]{1,128}";

    private final PageContexts pageContexts;
    private final SecurityIdentity identity;

    public PageContextResource(PageContexts pageContexts, SecurityIdentity identity) {
        this.pageContexts = pageContexts;
        this.identity = identity;
    }

    public record InvalidateRequest(@NotNull @Pattern(regexp = RESOURCE) String resourceType,
            @NotNull @Pattern(regexp = RESOURCE) String resourceId) {}

    public record InvalidateResponse(int invalidated) {}

    @POST
    @Path("/invalidate")
    @Operation(summary = "Drop the tenant's cached page summaries of a resource (roles admin or service)")
    public Uni<InvalidateResponse> invalidate(@Valid @NotNull InvalidateRequest body) {
        return pageContexts.invalidate(Caller.of(identity), body.resourceType(), body.resourceId())
                .map(InvalidateResponse::new);
    }
}
