package dev.parley.agent.llm;

/**
 * A tool call the agent handled in a turn: the tool, the arguments the model gave (JSON text) and how it went:
 * {@code completed}, {@code proposed} (a mutating tool only proposed its action) or {@code failed}.
 */
public record ToolInvocation(String name, String argumentsJson, String status) {}
