package dev.parley.agent.llm;

import java.util.List;

/**
 * One turn for the model.
 *
 * @param systemPrompt the system prompt text
 * @param pagePreamble the page's context in page mode, sent as a second system message; {@code null} in global mode
 * @param history earlier messages of the conversation, oldest first, already scrubbed; only the last
 *     {@link #HISTORY_LIMIT} are sent
 * @param userMessage the user's message, already scrubbed
 * @param tools what the model may call; empty for none
 * @param maxIterations model calls that may request tools; 0 or less: {@code parley.agent.llm.max-iterations}
 */
public record AgentRequest(String systemPrompt, String pagePreamble, List<HistoryMessage> history, String userMessage,
        List<ToolSpec> tools, int maxIterations) {

    public static final int HISTORY_LIMIT = 20;

    public AgentRequest {
        history = history == null ? List.of() : List.copyOf(history);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A request with the configured iteration limit. */
    public AgentRequest(String systemPrompt, String pagePreamble, List<HistoryMessage> history, String userMessage,
            List<ToolSpec> tools) {
        this(systemPrompt, pagePreamble, history, userMessage, tools, 0);
    }

    /** An earlier message: {@code role} {@code user} or {@code assistant}; other roles are not sent. */
    public record HistoryMessage(String role, String content) {}
}
