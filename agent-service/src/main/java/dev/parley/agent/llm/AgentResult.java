package dev.parley.agent.llm;

import dev.parley.agent.domain.Usage;
import java.util.List;

/**
 * What a run of the tool loop produced: the answer text, the tool calls in the order they ran, the tokens of all
 * model calls together ({@code model} when every call reported them, else {@code estimate}), the model's name, the
 * tool rounds it took and whether it hit the limit ({@code cutOff}: it then answered with what it had).
 */
public record AgentResult(String text, List<ToolInvocation> toolCalls, Usage usage, String model, int iterations,
        boolean cutOff) {

    public AgentResult {
        toolCalls = List.copyOf(toolCalls);
    }
}
