package dev.parley.agent.llm;

import dev.parley.agent.domain.Usage;
import java.util.List;

/**
 * One answer of the model: its text (may be empty when it only calls tools), the tool calls, the finish reason
 * ({@code stop}, {@code tool_calls}, {@code length}, ...), the tokens used ({@code counted}: {@code model} when the
 * response carried them, else {@code estimate}) and the model's name as it reported it.
 */
public record ModelTurn(String text, List<ToolCall> toolCalls, String finishReason, Usage usage, String model) {

    public ModelTurn {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
