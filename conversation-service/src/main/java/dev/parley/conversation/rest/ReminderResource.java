package dev.parley.conversation.rest;

import dev.parley.conversation.rest.Views.ReminderView;
import dev.parley.conversation.service.Reminders;
import dev.parley.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/** The caller's reminders; due ones are published to {@code parley.conversations.v1}. */
@Path("/v1/reminders")
@Authenticated
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    private final Reminders reminders;
    private final SecurityIdentity identity;

    public ReminderResource(Reminders reminders, SecurityIdentity identity) {
        this.reminders = reminders;
        this.identity = identity;
    }

    public record CreateRequest(UUID conversationId, @NotNull @Future Instant dueAt, @NotNull String text) {}

    public record ReminderList(List<ReminderView> items) {}

    @POST
    @Operation(summary = "Create a reminder (its text is redacted before it is stored)")
    public Uni<RestResponse<ReminderView>> create(@Valid @NotNull CreateRequest body) {
        return reminders.create(caller(), body.conversationId(), body.dueAt(), body.text())
                .map(reminder -> RestResponse.status(RestResponse.Status.CREATED, ReminderView.of(reminder)));
    }

    @GET
    @Operation(summary = "The caller's reminders, soonest first")
    public Uni<ReminderList> list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        return reminders.list(caller(), status, limit)
                .map(items -> new ReminderList(items.stream().map(ReminderView::of).toList()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a pending reminder")
    public Uni<RestResponse<Void>> cancel(@PathParam("id") UUID id) {
        return reminders.cancel(caller(), id).map(done -> RestResponse.noContent());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
