package dev.parley.agent.llm;

import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.Delta;
import dev.langchain4j.model.openai.internal.chat.FunctionCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts a streamed answer together from its chunks: content deltas go to the token consumer as they arrive; tool-call
 * deltas (an id and name first, then argument fragments, keyed by {@code index}) are assembled, never shown. The
 * answer is complete only once a chunk carried a {@code finish_reason}; usage comes in a last chunk with no choices
 * when {@code stream_options.include_usage} was asked for. Not thread-safe: one stream's chunks arrive in order.
 */
final class StreamAssembler {

    private final Consumer<String> onToken;
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, PartialCall> calls = new TreeMap<>();
    private String finishReason;
    private String model;
    private dev.langchain4j.model.openai.internal.shared.Usage usage;
    private boolean tokenShown;

    StreamAssembler(Consumer<String> onToken) {
        this.onToken = onToken;
    }

    void accept(ChatCompletionResponse chunk) {
        if (chunk.model() != null && model == null) {
            model = chunk.model();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices() == null) {
            return;
        }
        for (ChatCompletionChoice choice : chunk.choices()) {
            if (choice.index() != null && choice.index() != 0) {
                continue;
            }
            Delta delta = choice.delta();
            if (delta != null) {
                if (delta.content() != null && !delta.content().isEmpty()) {
                    text.append(delta.content());
                    tokenShown = true;
                    onToken.accept(delta.content());
                }
                if (delta.toolCalls() != null) {
                    for (dev.langchain4j.model.openai.internal.chat.ToolCall call : delta.toolCalls()) {
                        int index = call.index() == null ? 0 : call.index();
                        calls.computeIfAbsent(index, i -> new PartialCall()).add(call);
                    }
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
            }
        }
    }

    /** Whether the answer reached its end (a {@code finish_reason}). */
    boolean finished() {
        return finishReason != null;
    }

    /** Whether a token of this answer went to the consumer (then it must not be retried). */
    boolean tokenShown() {
        return tokenShown;
    }

    String text() {
        return text.toString();
    }

    List<ToolCall> toolCalls() {
        List<ToolCall> result = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> result.add(call.build(index)));
        return result;
    }

    String finishReason() {
        return finishReason;
    }

    String model() {
        return model;
    }

    dev.langchain4j.model.openai.internal.shared.Usage usage() {
        return usage;
    }

    private static final class PartialCall {
        private String id;
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();

        void add(dev.langchain4j.model.openai.internal.chat.ToolCall delta) {
            if (delta.id() != null && id == null) {
                id = delta.id();
            }
            FunctionCall function = delta.function();
            if (function != null) {
                if (function.name() != null) {
                    name.append(function.name());
                }
                if (function.arguments() != null) {
                    arguments.append(function.arguments());
                }
            }
        }

        ToolCall build(int index) {
            return new ToolCall(id == null ? "call_" + index : id, name.toString(),
                    arguments.isEmpty() ? "{}" : arguments.toString());
        }
    }
}
