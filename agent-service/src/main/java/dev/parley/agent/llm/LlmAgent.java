package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.config.LlmConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tool loop of one turn: the model is called with the tools; each tool call it makes runs through the
 * {@link ToolExecutor} and its result goes back to it; at most {@code max-iterations} calls may request tools, after
 * which it is called once more without tools to answer with what it has ({@code cutOff}). Native function calling,
 * or with {@code parley.agent.llm.native-tools=false} the {@link PromptTools} format.
 *
 * <p>Streaming: the final answer's tokens go to {@link TurnListener#onToken} as they arrive, tool calls to
 * {@link TurnListener#onTool} as they start and end. Cancelling the {@code Uni} cancels the model call or tool in
 * flight; the tokens used so far are in the {@link UsageMeter} passed in. Any model failure fails the {@code Uni}
 * with {@link LlmUnavailable}.
 */
@ApplicationScoped
public class LlmAgent {

    /** Sent as the last message of the call after the tool limit. */
    static final String CUT_OFF_INSTRUCTION = "You cannot call any more tools in this turn. Answer now with what "
            + "you know from the tool results so far, and say plainly what you could not find out.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;
    private final LlmConfig config;

    public LlmAgent(LlmClient client, LlmConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Whether a model is configured at all. */
    public boolean available() {
        return client.configured();
    }

    public Uni<AgentResult> run(AgentRequest request, ToolExecutor tools, TurnListener listener, boolean stream) {
        return run(request, tools, listener, stream, new UsageMeter());
    }

    /**
     * @param meter receives the tokens of every model call as it ends, also of one cancelled mid-answer; read it
     *     after a cancel to record what the turn used
     */
    public Uni<AgentResult> run(AgentRequest request, ToolExecutor tools, TurnListener listener, boolean stream,
            UsageMeter meter) {
        return Uni.createFrom().deferred(() -> new Run(request, tools,
                listener == null ? TurnListener.SILENT : listener, stream, meter).step());
    }

    /** The state of one run; its steps follow each other, never overlap. */
    private final class Run {
        private final boolean nativeTools = config.nativeTools();
        private final Map<String, ToolSpec> specs = new LinkedHashMap<>();
        private final List<ModelMessage> messages = new ArrayList<>();
        private final List<ToolInvocation> invocations = new ArrayList<>();
        private final ToolExecutor tools;
        private final TurnListener listener;
        private final boolean stream;
        private final UsageMeter usage;
        private final int maxIterations;
        private int rounds;
        private String model;

        Run(AgentRequest request, ToolExecutor tools, TurnListener listener, boolean stream, UsageMeter meter) {
            this.tools = tools;
            this.listener = listener;
            this.stream = stream;
            this.usage = meter.child();
            this.maxIterations = request.maxIterations() > 0 ? request.maxIterations() : config.maxIterations();
            request.tools().forEach(spec -> specs.put(spec.name(), spec));
            String system = request.systemPrompt() == null ? "" : request.systemPrompt();
            if (!nativeTools && !specs.isEmpty()) {
                system = system + "\n\n" + PromptTools.describe(request.tools());
            }
            messages.add(new ModelMessage.System(system));
            if (request.pagePreamble() != null && !request.pagePreamble().isBlank()) {
                messages.add(new ModelMessage.System(request.pagePreamble()));
            }
            List<AgentRequest.HistoryMessage> history = request.history();
            for (AgentRequest.HistoryMessage earlier : history.subList(
                    Math.max(0, history.size() - AgentRequest.HISTORY_LIMIT), history.size())) {
                if (earlier.content() == null || earlier.content().isBlank()) {
                    continue;
                }
                switch (earlier.role()) {
                    case "user" -> messages.add(new ModelMessage.User(earlier.content()));
                    case "assistant" -> messages.add(new ModelMessage.Assistant(earlier.content()));
                    default -> { } // system or tool messages of earlier turns are not replayed
                }
            }
            messages.add(new ModelMessage.User(request.userMessage()));
        }

        Uni<AgentResult> step() {
            boolean offerTools = !specs.isEmpty() && rounds < maxIterations;
            boolean cutOff = !specs.isEmpty() && !offerTools;
            List<ModelMessage> sent = new ArrayList<>(messages);
            if (cutOff) {
                sent.add(new ModelMessage.User(CUT_OFF_INSTRUCTION));
            }
            List<ToolSpec> offered = offerTools && nativeTools ? List.copyOf(specs.values()) : List.of();
            ToolCallHoldback holdback = stream && !nativeTools && !specs.isEmpty()
                    ? new ToolCallHoldback(listener::onToken) : null;
            Consumer<String> onToken = holdback != null ? holdback : listener::onToken;
            Uni<ModelTurn> call = Uni.createFrom().deferred(() -> {
                long started = System.nanoTime();
                return (stream ? client.stream(sent, offered, onToken, usage) : client.complete(sent, offered, usage))
                        .onTermination().invoke(() -> usage.modelTime(System.nanoTime() - started));
            });
            return call.flatMap(turn -> {
                if (turn.model() != null) {
                    model = turn.model();
                }
                Optional<PromptTools.ParsedCall> parsed = nativeTools ? Optional.empty()
                        : PromptTools.parse(turn.text());
                if (holdback != null) {
                    holdback.finish(parsed.isPresent());
                }
                List<ToolCall> calls = !offerTools ? List.of() : nativeTools ? turn.toolCalls()
                        : parsed.map(p -> List.of(new ToolCall("call_" + (rounds + 1), p.name(), p.argumentsJson())))
                                .orElse(List.of());
                if (calls.isEmpty()) {
                    String text = parsed.map(p -> PromptTools.withoutCall(turn.text(), p)).orElse(turn.text());
                    return Uni.createFrom().item(new AgentResult(text, invocations, usage.total(),
                            model == null ? client.model() : model, rounds, cutOff));
                }
                rounds++;
                messages.add(nativeTools ? new ModelMessage.Assistant(turn.text(), calls)
                        : new ModelMessage.Assistant(turn.text()));
                return Multi.createFrom().iterable(calls).onItem().transformToUniAndConcatenate(this::runTool)
                        .collect().last().flatMap(ignored -> step());
            });
        }

        private Uni<Boolean> runTool(ToolCall call) {
            ToolSpec spec = specs.get(call.name());
            if (spec == null) {
                record(call, "failed", error("unknown tool: " + call.name()));
                return Uni.createFrom().item(false);
            }
            JsonNode arguments;
            try {
                arguments = JSON.readTree(call.argumentsJson());
            } catch (Exception e) {
                arguments = null;
            }
            listener.onTool(spec.name(), "started");
            if (arguments == null || !arguments.isObject()) {
                listener.onTool(spec.name(), "failed");
                record(call, "failed", error("the arguments are not a JSON object"));
                return Uni.createFrom().item(false);
            }
            return tools.execute(spec.name(), arguments)
                    .map(result -> result == null ? error("the tool returned nothing") : result)
                    .onFailure().recoverWithItem(failure -> error("the tool failed"))
                    .map(result -> {
                        String status = isError(result) ? "failed" : spec.mutating() ? "proposed" : "completed";
                        listener.onTool(spec.name(), status);
                        record(call, status, result);
                        return true;
                    });
        }

        private void record(ToolCall call, String status, String result) {
            invocations.add(new ToolInvocation(call.name(), call.argumentsJson(), status));
            messages.add(nativeTools ? new ModelMessage.ToolResult(call.id(), result)
                    : new ModelMessage.User("Result of the tool " + call.name() + ":\n" + result));
        }
    }

    /** A tool result the model can read as a failure. */
    static String error(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error", message);
        return error.toString();
    }

    /** Whether a tool's result is an error result (a JSON object with an {@code error} member). */
    static boolean isError(String result) {
        String trimmed = result.strip();
        if (!trimmed.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node.isObject() && node.has("error");
        } catch (Exception e) {
            return false;
        }
    }
}
