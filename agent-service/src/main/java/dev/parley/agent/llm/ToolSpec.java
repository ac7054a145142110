package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call: its name, what it does, its parameters as a JSON Schema object, and whether it changes
 * anything (mutating tools only ever propose an action the user must confirm).
 */
public record ToolSpec(String name, String description, ObjectNode parameters, boolean mutating) {}
