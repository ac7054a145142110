package dev.parley.platform.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /v1/whoami}: the caller as this service sees it; proves JWT verification and tenant hashing. */
@Path("/v1/whoami")
@Authenticated
@SecurityRequirement(name = "jwt")
public class WhoamiResource {

    private final SecurityIdentity identity;

    public WhoamiResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The verified caller: tenant hash, subject, roles and workspaces")
    public Caller whoami() {
        return Caller.of(identity);
    }
}
