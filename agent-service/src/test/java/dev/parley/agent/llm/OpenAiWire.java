package dev.parley.agent.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI chat-completions wire format, as the tests' model servers speak it. */
public final class OpenAiWire {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OpenAiWire() {}

    /** A non-streamed answer with text; {@code promptTokens < 0}: no {@code usage} member. */
    public static String answer(String content, int promptTokens, int completionTokens) {
        ObjectNode message = NODES.objectNode().put("role", "assistant").put("content", content);
        return response(message, "stop", promptTokens, completionTokens);
    }

    /** A non-streamed answer that calls one tool. */
    public static String toolCall(String id, String name, String argumentsJson, int promptTokens, int completionTokens) {
        ObjectNode message = NODES.objectNode().put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", argumentsJson);
        return response(message, "tool_calls", promptTokens, completionTokens);
    }

    private static String response(ObjectNode message, String finish, int promptTokens, int completionTokens) {
        ObjectNode root = NODES.objectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", LlmWireMock.MODEL);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        if (promptTokens >= 0) {
            usage(root, promptTokens, completionTokens);
        }
        return root.toString();
    }

    private static void usage(ObjectNode root, int promptTokens, int completionTokens) {
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    /** The {@code data:} payloads of a streamed text answer: a role chunk, one chunk per token, the finish chunk. */
    public static List<String> textChunks(List<String> tokens, boolean finish) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null));
        for (String token : tokens) {
            chunks.add(chunk(NODES.objectNode().put("content", token), null));
        }
        if (finish) {
            chunks.add(chunk(NODES.objectNode(), "stop"));
        }
        return chunks;
    }

    /** The payloads of a streamed tool call: id and name first, then the arguments in two fragments. */
    public static List<String> toolCallChunks(String id, String name, String argumentsJson) {
        int half = argumentsJson.length() / 2;
        List<String> chunks = new ArrayList<>();
        ObjectNode first = NODES.objectNode().put("role", "assistant");
        first.putNull("content");
        ObjectNode call = first.putArray("tool_calls").addObject().put("index", 0).put("id", id)
                .put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        chunks.add(chunk(first, null));
        for (String part : List.of(argumentsJson.substring(0, half), argumentsJson.substring(half))) {
            ObjectNode delta = NODES.objectNode();
            delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", part);
            chunks.add(chunk(delta, null));
        }
        chunks.add(chunk(NODES.objectNode(), "tool_calls"));
        return chunks;
    }

    /** The last chunk with {@code stream_options.include_usage}: no choices, only usage. */
    public static String usageChunk(int promptTokens, int completionTokens) {
        ObjectNode root = chunkRoot();
        root.putArray("choices");
        usage(root, promptTokens, completionTokens);
        return root.toString();
    }

    private static String chunk(ObjectNode delta, String finish) {
        ObjectNode root = chunkRoot();
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root.toString();
    }

    private static ObjectNode chunkRoot() {
        return NODES.objectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000).put("model", LlmWireMock.MODEL);
    }

    /** A {@code text/event-stream} body: each payload as a {@code data:} event, then {@code data: [DONE]}. */
    public static String sse(List<String> payloads) {
        StringBuilder body = new StringBuilder();
        for (String payload : payloads) {
            body.append("data: ").append(payload).append("\n\n");
        }
        return body.append("data: [DONE]\n\n").toString();
    }

    public static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
