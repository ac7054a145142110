package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.openai.internal.ResponseHandle;
import dev.langchain4j.model.openai.internal.chat.AssistantMessage;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.Function;
import dev.langchain4j.model.openai.internal.chat.FunctionCall;
import dev.langchain4j.model.openai.internal.chat.Message;
import dev.langchain4j.model.openai.internal.chat.SystemMessage;
import dev.langchain4j.model.openai.internal.chat.Tool;
import dev.langchain4j.model.openai.internal.chat.ToolMessage;
import dev.langchain4j.model.openai.internal.chat.ToolType;
import dev.langchain4j.model.openai.internal.chat.UserMessage;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import dev.parley.agent.config.LlmConfig;
import dev.parley.agent.domain.Usage;
import io.quarkiverse.langchain4j.openai.common.QuarkusOpenAiClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The HTTP layer to the chat-completions endpoint: quarkus-langchain4j's {@link QuarkusOpenAiClient} (its REST client
 * on Vert.x), with langchain4j's request and response types mapped to and from ours. One call here is one HTTP
 * attempt; {@link LlmClient} adds the retries and the circuit breaker.
 *
 * <p>Every attempt is cancellable: the client's {@link ResponseHandle#cancel()} cancels the subscription to the REST
 * client, which closes the HTTP connection (streamed: the SSE source closes it; the tests watch the server see it).
 * A watchdog fails the attempt with {@code TIMEOUT} when the model stays silent longer than the timeout (the whole
 * answer when not streaming, each gap between chunks when streaming) and cancels it likewise. A stream that ends
 * without a {@code finish_reason} fails with {@link LlmStreamBroken}, never completes: the REST client reports a
 * connection closed mid-stream as a normal end.
 */
final class OpenAiChatApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuarkusOpenAiClient client;
    private final LlmConfig config;
    private final Vertx vertx;
    private final LlmMetrics metrics;
    private final long timeoutNanos;

    OpenAiChatApi(LlmConfig config, Vertx vertx, LlmMetrics metrics) {
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        this.timeoutNanos = config.timeout().toNanos();
        // the REST client's own timeouts are whole seconds; they only back up the watchdog, which is exact
        long seconds = Math.max(1, config.timeout().toSeconds() + 1);
        this.client = QuarkusOpenAiClient.builder()
                .baseUrl(config.baseUrl().orElseThrow())
                .openAiApiKey(config.apiKey().filter(key -> !key.isBlank()).orElse(null))
                .connectTimeout(Duration.ofSeconds(Math.min(seconds, 10)))
                .readTimeout(Duration.ofSeconds(seconds))
                .build();
    }

    /**
     * One attempt. Streamed when {@code onToken} is not null: content tokens go to it as they arrive.
     * Ends with the answer, or fails with {@link LlmUnavailable}; adds the tokens used to {@code meter} either way
     * (estimated for an attempt that was cancelled, timed out or broke off).
     */
    Uni<ModelTurn> call(List<ModelMessage> messages, List<ToolSpec> tools, Consumer<String> onToken, CallScope scope,
            UsageMeter meter) {
        return Uni.createFrom().emitter(
                emitter -> new Attempt(messages, tools, onToken, scope, meter, emitter).start());
    }

    private ChatCompletionRequest request(List<ModelMessage> messages, List<ToolSpec> tools, boolean stream) {
        ChatCompletionRequest.Builder request = ChatCompletionRequest.builder()
                .model(config.model())
                .messages(messages.stream().map(OpenAiChatApi::message).toList())
                .temperature(config.temperature());
        config.maxTokens().ifPresent(request::maxTokens);
        if (!tools.isEmpty()) {
            request.tools(tools.stream().map(OpenAiChatApi::tool).toList());
        }
        if (stream) {
            request.stream(true).streamOptions(StreamOptions.builder().includeUsage(true).build());
        }
        return request.build();
    }

    private static Message message(ModelMessage message) {
        return switch (message) {
            case ModelMessage.System system -> SystemMessage.from(system.content());
            case ModelMessage.User user -> UserMessage.from(user.content());
            case ModelMessage.Assistant assistant -> {
                AssistantMessage.Builder built = AssistantMessage.builder()
                        .content(assistant.content() == null || assistant.content().isEmpty()
                                && !assistant.toolCalls().isEmpty() ? null : assistant.content());
                if (!assistant.toolCalls().isEmpty()) {
                    built.toolCalls(assistant.toolCalls().stream().map(call -> dev.langchain4j.model.openai.internal
                            .chat.ToolCall.builder().id(call.id()).type(ToolType.FUNCTION)
                            .function(FunctionCall.builder().name(call.name()).arguments(call.argumentsJson()).build())
                            .build()).toList());
                }
                yield built.build();
            }
            case ModelMessage.ToolResult result -> ToolMessage.from(result.toolCallId(), result.content());
        };
    }

    @SuppressWarnings("unchecked")
    private static Tool tool(ToolSpec spec) {
        Map<String, Object> parameters = spec.parameters() == null
                ? Map.of("type", "object", "properties", Map.of())
                : JSON.convertValue(spec.parameters(), Map.class);
        return Tool.builder().function(Function.builder().name(spec.name()).description(spec.description())
                .parameters(parameters).build()).build();
    }

    /** Our failure for what the client reported; {@code shown}: a token of this call already went out. */
    static LlmUnavailable classify(Throwable failure, boolean shown, boolean received) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LlmUnavailable unavailable) {
                return unavailable;
            }
            if (cause instanceof HttpException http) {
                int status = http.statusCode();
                // the body is not kept: some servers echo parts of the request
                if (status == 429 || status >= 500 || status == 408) {
                    boolean transientStatus = status == 429 || status == 502 || status == 503 || status == 504;
                    return new LlmUnavailable(LlmUnavailable.Reason.UPSTREAM_ERROR, "the model answered " + status,
                            status, transientStatus && !shown, null);
                }
                return new LlmUnavailable(LlmUnavailable.Reason.REJECTED,
                        "the model refused the request with " + status, status, false, null);
            }
            if (!received && (cause instanceof ConnectException || cause instanceof UnknownHostException)) {
                return new LlmUnavailable(LlmUnavailable.Reason.UPSTREAM_ERROR, "no connection to the model", 0,
                        !shown, cause);
            }
        }
        if (received) {
            return new LlmStreamBroken("the model's answer broke off", failure, !shown);
        }
        boolean io = failure instanceof IOException || failure.getCause() instanceof IOException
                || failure instanceof io.vertx.core.VertxException;
        return new LlmUnavailable(LlmUnavailable.Reason.UPSTREAM_ERROR,
                "the model call failed (" + failure.getClass().getSimpleName() + ")", 0, io && !shown, failure);
    }

    /** One HTTP attempt: ends exactly once, with the answer or a failure, and accounts for it. */
    private final class Attempt {
        private final List<ModelMessage> messages;
        private final List<ToolSpec> tools;
        private final CallScope scope;
        private final UsageMeter meter;
        private final UniEmitter<? super ModelTurn> emitter;
        private final StreamAssembler stream;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final long started = System.nanoTime();
        private final Runnable cancel = this::cancelled;
        private volatile long lastHeard = started;
        private volatile long timer = -1;
        private volatile boolean received;
        private volatile ResponseHandle handle;

        Attempt(List<ModelMessage> messages, List<ToolSpec> tools, Consumer<String> onToken, CallScope scope,
                UsageMeter meter, UniEmitter<? super ModelTurn> emitter) {
            this.messages = messages;
            this.tools = tools;
            this.scope = scope;
            this.meter = meter;
            this.emitter = emitter;
            this.stream = onToken == null ? null : new StreamAssembler(token -> {
                scope.tokenShown();
                onToken.accept(token);
            });
        }

        void start() {
            emitter.onTermination(cancel);
            scope.attach(cancel);
            if (ended.get()) {
                return;
            }
            timer = vertx.setTimer(Math.max(1, timeoutNanos / 1_000_000), id -> watch());
            try {
                ResponseHandle started = stream == null
                        ? client.chatCompletion(request(messages, tools, false))
                                .onResponse(this::answered).onError(this::failed).execute()
                        : client.chatCompletion(request(messages, tools, true))
                                .onPartialResponse(this::chunk).onComplete(this::streamEnded).onError(this::failed)
                                .execute();
                handle = started;
                if (ended.get()) {
                    started.cancel();
                }
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void answered(ChatCompletionResponse response) {
            List<ChatCompletionChoice> choices = response.choices();
            AssistantMessage message = choices == null || choices.isEmpty() ? null : choices.getFirst().message();
            String text = message == null || message.content() == null ? "" : message.content();
            List<ToolCall> calls = new ArrayList<>();
            if (message != null && message.toolCalls() != null) {
                for (var call : message.toolCalls()) {
                    FunctionCall function = call.function();
                    calls.add(new ToolCall(call.id(), function == null ? "" : function.name(),
                            function == null || function.arguments() == null ? "{}" : function.arguments()));
                }
            }
            String finish = choices == null || choices.isEmpty() ? null : choices.getFirst().finishReason();
            succeed(new ModelTurn(text, calls, finish, usage(response.usage(), text, calls), response.model()));
        }

        private void chunk(ChatCompletionResponse chunk) {
            if (ended.get()) {
                return;
            }
            received = true;
            lastHeard = System.nanoTime();
            try {
                stream.accept(chunk);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        private void streamEnded() {
            if (!stream.finished()) {
                fail(new LlmStreamBroken("the model's stream ended before its end", null, !scope.wasTokenShown()),
                        partialUsage());
                return;
            }
            ModelTurn turn = new ModelTurn(stream.text(), stream.toolCalls(), stream.finishReason(),
                    usage(stream.usage(), stream.text(), stream.toolCalls()), stream.model());
            // not from inside the REST client's SSE close: the next step of a turn starts another request
            vertx.getOrCreateContext().runOnContext(ignored -> succeed(turn));
        }

        private void failed(Throwable failure) {
            LlmUnavailable unavailable = classify(failure, scope.wasTokenShown(), received);
            fail(unavailable, received ? partialUsage() : null);
        }

        private void watch() {
            if (ended.get()) {
                return;
            }
            long silent = System.nanoTime() - lastHeard;
            if (silent >= timeoutNanos) {
                abort();
                fail(new LlmUnavailable(LlmUnavailable.Reason.TIMEOUT,
                        "the model stayed silent for more than " + config.timeout()), partialUsage());
            } else {
                timer = vertx.setTimer(Math.max(1, (timeoutNanos - silent) / 1_000_000), id -> watch());
            }
        }

        private void cancelled() {
            if (ended.get()) {
                return;
            }
            boolean sent = handle != null;
            abort();
            fail(new LlmUnavailable(LlmUnavailable.Reason.CANCELLED, "the model call was cancelled"),
                    sent ? partialUsage() : null);
        }

        private void abort() {
            ResponseHandle current = handle;
            if (current != null) {
                current.cancel();
            }
        }

        private Usage usage(dev.langchain4j.model.openai.internal.shared.Usage reported, String text,
                List<ToolCall> calls) {
            if (reported != null && reported.promptTokens() != null && reported.completionTokens() != null) {
                return new Usage(reported.promptTokens(), reported.completionTokens(), "model");
            }
            return TokenEstimator.estimate(messages, tools, text, calls);
        }

        /** What an unfinished attempt cost: the prompt (it was sent) and what came back so far. */
        private Usage partialUsage() {
            return stream == null ? TokenEstimator.estimate(messages, tools, "", List.of())
                    : TokenEstimator.estimate(messages, tools, stream.text(), stream.toolCalls());
        }

        private void succeed(ModelTurn turn) {
            if (end("success", turn.usage())) {
                emitter.complete(turn);
            }
        }

        private void fail(LlmUnavailable failure, Usage usage) {
            if (end(LlmMetrics.outcome(failure), usage)) {
                emitter.fail(failure);
            }
        }

        private boolean end(String outcome, Usage usage) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            long id = timer;
            if (id >= 0) {
                vertx.cancelTimer(id);
            }
            scope.detach(cancel);
            if (usage != null) {
                meter.add(usage);
                metrics.tokens(usage);
            }
            metrics.call(outcome, Duration.ofNanos(System.nanoTime() - started));
            return true;
        }
    }
}
