package dev.parley.agent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.agent.client.CallContext;
import dev.parley.agent.client.Compliance;
import dev.parley.agent.config.AgentConfig;
import dev.parley.agent.domain.ChatReply;
import dev.parley.agent.domain.ChatRequest;
import dev.parley.agent.llm.TurnListener;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.logging.FailureSummary;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A chat turn as server-sent events: {@code meta} once the conversation is known, the answer's {@code token}s (with
 * the conversation's placeholders restored, {@link TokenRelay}), {@code tool} events as calls start and end, then
 * exactly one {@code done} (the reply body) or {@code error} ({@code code}, {@code message}). Comment heartbeats keep
 * an idle stream open. When the client goes away the turn is cancelled, and with it the model call.
 */
@ApplicationScoped
public class ChatStream {

    private static final Logger LOG = Logger.getLogger(ChatStream.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ChatTurns turns;
    private final Compliance compliance;
    private final AgentConfig config;
    private final ObjectMapper json;

    public ChatStream(ChatTurns turns, Compliance compliance, AgentConfig config, ObjectMapper json) {
        this.turns = turns;
        this.compliance = compliance;
        this.config = config;
        this.json = json;
    }

    /** The turn's events; a request the turn refuses up front (400, 403, 413) is an ordinary problem response. */
    public Multi<OutboundSseEvent> stream(Caller caller, CallContext ctx, ChatRequest request, Sse sse) {
        AtomicReference<MultiEmitter<? super OutboundSseEvent>> out = new AtomicReference<>();
        AtomicReference<UUID> conversation = new AtomicReference<>();
        TokenRelay relay = new TokenRelay(
                placeholder -> compliance.detokenize(ctx, placeholder, conversation.get()),
                token -> send(out, sse, "token", NODES.objectNode().put("text", token).toString()));
        TurnListener listener = new TurnListener() {
            @Override
            public void onToken(String token) {
                relay.accept(token);
            }

            @Override
            public void onTool(String tool, String status) {
                send(out, sse, "tool", NODES.objectNode().put("name", tool).put("status", status).toString());
            }
        };
        Uni<ChatReply> turn = turns.run(caller, ctx, request, true, id -> {
            conversation.set(id);
            send(out, sse, "meta", NODES.objectNode().put("conversationId", id.toString())
                    .put("requestId", ctx.requestId()).toString());
        }, listener);
        return Multi.createFrom().emitter(emitter -> {
            out.set(emitter);
            Cancellable heartbeat = Multi.createFrom().ticks().every(config.turn().heartbeat())
                    .subscribe().with(tick -> emitter.emit(sse.newEventBuilder().comment("heartbeat").build()));
            Cancellable running = turn.call(reply -> relay.flush())
                    .subscribe().with(reply -> {
                        heartbeat.cancel();
                        send(out, sse, "done", write(reply));
                        emitter.complete();
                    }, failure -> {
                        heartbeat.cancel();
                        send(out, sse, "error", error(failure));
                        emitter.complete();
                    });
            emitter.onTermination(() -> {
                heartbeat.cancel();
                running.cancel();
            });
        });
    }

    private static void send(AtomicReference<MultiEmitter<? super OutboundSseEvent>> out, Sse sse, String name,
            String data) {
        MultiEmitter<? super OutboundSseEvent> emitter = out.get();
        if (emitter != null && !emitter.isCancelled()) {
            emitter.emit(sse.newEventBuilder().name(name).data(data).build());
        }
    }

    private String write(ChatReply reply) {
        try {
            return json.writeValueAsString(reply);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a reply did not serialize", e);
        }
    }

    /** {@code {code, message}}: the problem's slug and detail; anything unexpected a generic internal error. */
    private static String error(Throwable failure) {
        if (failure instanceof ProblemException problem) {
            return NODES.objectNode().put("code", problem.kind().slug()).put("message", problem.getMessage()).toString();
        }
        LOG.errorf("a streamed chat turn failed: %s", FailureSummary.withFrames(failure, 8));
        return NODES.objectNode().put("code", ProblemKind.INTERNAL.slug())
                .put("message", "The turn failed; nothing was stored. Try again.").toString();
    }
}
