package dev.parley.agent.llm;

import java.util.List;

/** One message of a chat-completions request, independent of the client library. */
public sealed interface ModelMessage {

    String content();

    record System(String content) implements ModelMessage {}

    record User(String content) implements ModelMessage {}

    /** An earlier answer of the model; {@code toolCalls} when it asked for tools (native function calling). */
    record Assistant(String content, List<ToolCall> toolCalls) implements ModelMessage {
        public Assistant {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public Assistant(String content) {
            this(content, List.of());
        }
    }

    /** The result of a tool call the model made (native function calling), as JSON text. */
    record ToolResult(String toolCallId, String content) implements ModelMessage {}
}
