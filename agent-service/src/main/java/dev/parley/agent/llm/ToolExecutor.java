package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/**
 * Runs the model's tool calls for one turn. The turn's owner implements it: it decides what a call may do (tenant and
 * workspace from the token, never from the model; a case id checked to belong to the workspace; mutating tools only
 * propose) and returns the result the model sees, as JSON text already scrubbed of personal data. A failure is
 * returned as a JSON error result, not thrown, so that the model can say what went wrong.
 */
@FunctionalInterface
public interface ToolExecutor {
    Uni<String> execute(String tool, JsonNode arguments);
}
