package dev.parley.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** conversation-service, called with the caller's own JWT (passed in each call, see CallContext), so its tenant and owner apply. */
@RegisterRestClient(configKey = "conversation")
@Path("/v1")
interface ConversationApi {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OpenRequest(String workspaceId, String mode, JsonNode pageContext, String caseId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConversationView(UUID conversationId, String workspaceId, String mode, String pageKey, String resourceType,
            String resourceId, String caseId, long messageCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageContextView(String resourceType, String resourceId, String contextHash, String summary, JsonNode facts) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Opened(UUID conversationId, String conversationToken, boolean reused, ConversationView conversation,
            PageContextView pageContext) {}

    record RestoreRequest(String conversationToken) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Restored(ConversationView conversation, List<ConversationViews.MessageView> messages, PageContextView pageContext,
            String conversationToken) {}

    record TurnRequest(String conversationToken, List<ConversationViews.NewMessage> messages) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Appended(List<Long> seqs, String conversationToken) {}

    record PageContextRequest(JsonNode pageContext, boolean forceRefresh) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PageContextChange(String contextHash, String summary, boolean changed) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReminderRequest(UUID conversationId, Instant dueAt, String text) {}

    @POST
    @Path("/conversations")
    Uni<Opened> open(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, OpenRequest request);

    @POST
    @Path("/conversations/restore")
    Uni<Restored> restore(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @QueryParam("limit") int limit, RestoreRequest request);

    @POST
    @Path("/conversations/{id}/turns")
    Uni<Appended> append(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("id") UUID conversationId, TurnRequest request);

    @PUT
    @Path("/conversations/{id}/page-context")
    Uni<PageContextChange> pageContext(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, @PathParam("id") UUID conversationId, PageContextRequest request);

    @POST
    @Path("/reminders")
    Uni<ConversationViews.Reminder> remind(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-ID") String requestId, ReminderRequest request);
}
