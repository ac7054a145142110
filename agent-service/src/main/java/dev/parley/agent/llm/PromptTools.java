package dev.parley.agent.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Tools for models without native function calling: the tools are described in the system prompt, and a line of the
 * answer holding only a JSON object {@code {"tool": "<name>", "arguments": {...}}} (bare, or inside a {@code ```json}
 * fence) is a call. The first such line wins; the rest of that answer is ignored.
 *
 * <p>Parsing is linear in practice and bounded: only lines starting with {@code {} are tried, each with Jackson's
 * streaming parser (no regular expressions), over at most {@value #MAX_SCANNED} characters.
 */
public final class PromptTools {

    /** How the model is told to call tools; the tool list follows it. One constant, so a prompt file can replace it. */
    public static final String INSTRUCTIONS = """
            You can use tools. To call one, answer with a single line that holds only this JSON object, and nothing \
            else:
            {"tool": "<tool name>", "arguments": {<the arguments, as the tool's parameters describe them>}}
            The tool's result comes back in the next message. Call one tool at a time. When you have what you need, \
            or no tool fits, answer the user in plain text, without JSON.

            Tools:
            """;

    static final int MAX_SCANNED = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PromptTools() {}

    /** {@link #INSTRUCTIONS} followed by each tool: name, description, parameters as JSON Schema. */
    public static String describe(List<ToolSpec> tools) {
        StringBuilder text = new StringBuilder(INSTRUCTIONS);
        for (ToolSpec tool : tools) {
            text.append("- ").append(tool.name()).append(": ").append(tool.description()).append('\n')
                    .append("  parameters: ").append(tool.parameters() == null ? "{}" : tool.parameters().toString())
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * A call in the model's output.
     *
     * @param start where the JSON object starts in the output
     * @param end where it ends (exclusive)
     */
    public record ParsedCall(String name, String argumentsJson, int start, int end) {}

    /** The first tool call in {@code output}, if any; anything else (prose, broken JSON, other objects) is not one. */
    public static Optional<ParsedCall> parse(String output) {
        if (output == null || output.isEmpty()) {
            return Optional.empty();
        }
        int length = Math.min(output.length(), MAX_SCANNED);
        char[] chars = output.toCharArray();
        int lineStart = 0;
        while (lineStart < length) {
            int at = lineStart;
            while (at < length && (chars[at] == ' ' || chars[at] == '\t' || chars[at] == '\r')) {
                at++;
            }
            if (at < length && chars[at] == '{') {
                Optional<ParsedCall> call = callAt(chars, at, length);
                if (call.isPresent()) {
                    return call;
                }
            }
            int next = at;
            while (next < length && chars[next] != '\n') {
                next++;
            }
            lineStart = next + 1;
        }
        return Optional.empty();
    }

    /** {@code output} without the call and its fence, trimmed: what the model said besides calling. */
    static String withoutCall(String output, ParsedCall call) {
        String before = output.substring(0, call.start());
        String after = output.substring(call.end());
        before = stripFenceOpening(before);
        after = stripFenceClosing(after);
        return (before + after).strip();
    }

    private static Optional<ParsedCall> callAt(char[] chars, int offset, int limit) {
        try (JsonParser parser = JSON.getFactory().createParser(chars, offset, limit - offset)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            JsonNode tool = node.get("tool");
            if (tool == null || !tool.isTextual() || tool.asText().isBlank()) {
                return Optional.empty();
            }
            JsonNode arguments = node.get("arguments");
            if (arguments != null && arguments.isTextual()) {
                // some models send the arguments as a JSON string
                arguments = JSON.readTree(arguments.asText());
            }
            if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
                return Optional.empty();
            }
            String argumentsJson = arguments == null || arguments.isNull() ? "{}" : arguments.toString();
            int end = offset + (int) parser.currentLocation().getCharOffset();
            return Optional.of(new ParsedCall(tool.asText(), argumentsJson, offset, Math.min(end, limit)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String stripFenceOpening(String before) {
        String trimmed = before.stripTrailing();
        int lineStart = trimmed.lastIndexOf('\n') + 1;
        return trimmed.startsWith("```", lineStart) ? trimmed.substring(0, lineStart) : before;
    }

    private static String stripFenceClosing(String after) {
        String trimmed = after.stripLeading();
        return trimmed.startsWith("```") ? trimmed.substring(trimmed.indexOf('\n') < 0 ? trimmed.length()
                : trimmed.indexOf('\n') + 1) : after;
    }
}
