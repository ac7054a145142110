package dev.parley.agent.llm;

/** A tool call the model asked for: its id (echoed with the result), the tool's name, the arguments as JSON text. */
public record ToolCall(String id, String name, String argumentsJson) {}
