package dev.parley.conversation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.repository.ConversationRepository.NewMessage;
import dev.parley.conversation.rest.Views.ConversationView;
import dev.parley.conversation.rest.Views.MessageView;
import dev.parley.conversation.rest.Views.PageContextView;
import dev.parley.conversation.service.Conversations;
import dev.parley.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestResponse;

/** Conversations of the caller: open, list, read, restore after a page refresh, append turns, delete. */
@Path("/v1/conversations")
@Authenticated
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private static final String ID = "[A-Za-z0-9._-]{1,128}";

    private final Conversations conversations;
    private final SecurityIdentity identity;

    public ConversationResource(Conversations conversations, SecurityIdentity identity) {
        this.conversations = conversations;
        this.identity = identity;
    }

    public record OpenRequest(@NotBlank @Pattern(regexp = ID) String workspaceId,
            @NotNull @Pattern(regexp = "global|page") String mode, JsonNode pageContext,
            @Pattern(regexp = ID) String caseId) {}

    public record OpenResponse(UUID conversationId, String conversationToken, boolean reused,
            ConversationView conversation, PageContextView pageContext) {}

    public record Page(List<ConversationView> items, String nextCursor) {}

    public record ConversationPage(ConversationView conversation, List<MessageView> messages, Long nextBefore,
            PageContextView pageContext) {}

    public record RestoreRequest(@NotBlank String conversationToken) {}

    public record Restored(ConversationView conversation, List<MessageView> messages, PageContextView pageContext,
            String conversationToken) {}

    public record TurnRequest(@NotBlank String conversationToken, @NotNull @Size(min = 1) List<@NotNull @Valid NewMessage> messages) {}

    public record TurnResponse(List<Long> seqs, String conversationToken) {}

    public record HistoryResponse(UUID conversationId, List<MessageView> messages) {}

    public record PageContextRequest(@NotNull JsonNode pageContext, boolean forceRefresh) {}

    public record PageContextResponse(String contextHash, String summary, boolean changed) {}

    @POST
    @Operation(summary = "Open a conversation (page mode reuses the page's active one); returns its token")
    public Uni<RestResponse<OpenResponse>> open(@Valid @NotNull OpenRequest body) {
        return conversations.open(caller(), body.workspaceId(), Conversation.Mode.of(body.mode()), body.pageContext(), body.caseId())
                .map(opened -> RestResponse.status(opened.reused() ? RestResponse.Status.OK : RestResponse.Status.CREATED,
                        new OpenResponse(opened.conversation().id(), opened.token(), opened.reused(),
                                ConversationView.of(opened.conversation()), PageContextView.of(opened.pageContext()))));
    }

    @GET
    @Operation(summary = "The caller's conversations in a workspace, newest first (keyset pagination)")
    public Uni<Page> list(@QueryParam("workspaceId") @NotBlank @Pattern(regexp = ID) String workspaceId,
            @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        ListCursor after = ListCursor.parse(cursor);
        int pageSize = limit == null ? Conversations.DEFAULT_PAGE : limit;
        return conversations.list(caller(), workspaceId, after == null ? null : after.updatedAt(),
                        after == null ? null : after.id(), limit)
                .map(items -> new Page(items.stream().map(ConversationView::of).toList(),
                        items.size() < pageSize ? null : ListCursor.of(items.get(items.size() - 1))));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One conversation and a page of its messages (before a seq, newest page first)")
    public Uni<ConversationPage> get(@PathParam("id") UUID id, @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        return conversations.get(caller(), id, before, limit)
                .map(loaded -> new ConversationPage(ConversationView.of(loaded.conversation()), MessageView.of(loaded.messages()),
                        loaded.messages().isEmpty() || loaded.messages().get(0).seq() == 1 ? null : loaded.messages().get(0).seq(),
                        PageContextView.of(loaded.pageContext())));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a conversation (gone at once; purged by the expiry job)")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return conversations.delete(caller(), id).map(done -> RestResponse.noContent());
    }

    @POST
    @Path("/restore")
    @Operation(summary = "Page refresh: the token's conversation, its newest messages and a fresh token")
    public Uni<Restored> restore(@Valid @NotNull RestoreRequest body, @QueryParam("limit") Integer limit) {
        return conversations.restore(caller(), body.conversationToken(), limit)
                .map(loaded -> new Restored(ConversationView.of(loaded.conversation()), MessageView.of(loaded.messages()),
                        PageContextView.of(loaded.pageContext()), loaded.token()));
    }

    @POST
    @Path("/{id}/turns")
    @Operation(summary = "Append a turn (user message and reply together, atomically); returns seqs and a fresh token")
    public Uni<TurnResponse> append(@PathParam("id") UUID id, @Valid @NotNull TurnRequest body) {
        return conversations.append(caller(), id, body.conversationToken(), body.messages())
                .map(appended -> new TurnResponse(appended.seqs(), appended.token()));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The last messages in chat order, for the model's context")
    public Uni<HistoryResponse> history(@PathParam("id") UUID id, @QueryParam("limit") Integer limit) {
        return conversations.history(caller(), id, limit).map(messages -> new HistoryResponse(id, MessageView.of(messages)));
    }

    @PUT
    @Path("/{id}/page-context")
    @Operation(summary = "Set the page context: normalized, redacted, summarized; stored when it changed")
    public Uni<PageContextResponse> pageContext(@PathParam("id") UUID id, @Valid @NotNull PageContextRequest body) {
        return conversations.putPageContext(caller(), id, body.pageContext(), body.forceRefresh())
                .map(change -> new PageContextResponse(change.contextHash(), change.summary(), change.changed()));
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
