package dev.parley.agent.rest;

import dev.parley.agent.client.CallContext;
import dev.parley.agent.domain.ChatReply;
import dev.parley.agent.domain.ChatRequest;
import dev.parley.agent.service.ChatStream;
import dev.parley.agent.service.ChatTurns;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemResponses;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.ResponseHeader;

/** A chat turn, answered whole ({@code POST /v1/chat}) or streamed as server-sent events ({@code /v1/chat/stream}). */
@Path("/v1/chat")
@Authenticated
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
public class ChatResource {

    private final ChatTurns turns;
    private final ChatStream streams;
    private final SecurityIdentity identity;

    public ChatResource(ChatTurns turns, ChatStream streams, SecurityIdentity identity) {
        this.turns = turns;
        this.streams = streams;
        this.identity = identity;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One chat turn: the answer, its sources, confidence, intent, tool calls, model and prompt version")
    public Uni<ChatReply> chat(@Valid @NotNull ChatRequest body) {
        return turns.run(Caller.of(identity), context(), body, false, id -> { },
                dev.parley.agent.llm.TurnListener.SILENT);
    }

    /**
     * Events {@code meta} ({@code conversationId}, {@code requestId}), {@code token}, {@code tool} ({@code name},
     * {@code status}), then exactly one {@code done} (the reply body) or {@code error} ({@code code}, {@code message});
     * a comment every 15 s on an idle stream. A client that goes away cancels the model call.
     */
    @POST
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @Operation(summary = "One chat turn as server-sent events: meta, token, tool, then done or error")
    public Multi<OutboundSseEvent> stream(@Valid @NotNull ChatRequest body, @Context Sse sse) {
        return streams.stream(Caller.of(identity), context(), body, sse);
    }

    private CallContext context() {
        return CallContext.of(identity, ProblemResponses.currentRequestId());
    }
}
