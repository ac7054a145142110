package dev.parley.testing;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * An endpoint that exists only in tests (this module is test-scoped), so the shared contract tests can drive
 * malformed JSON, bean validation and content-type errors through every service's real error handling.
 */
@Path("/v1/test-probe")
@Authenticated
public class ProblemProbeResource {

    /** A body with constraints, including a list whose elements are validated too. */
    public record Probe(@NotBlank @Size(max = 20) String name, @NotNull @Min(1) @Max(10) Integer count,
            List<@Valid Item> items) {}

    public record Item(@NotBlank String label) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Probe echo(@Valid @NotNull Probe body, @QueryParam("limit") @Min(1) @Max(100) Integer limit) {
        return body;
    }
}
