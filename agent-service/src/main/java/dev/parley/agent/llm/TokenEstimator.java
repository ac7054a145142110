package dev.parley.agent.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.parley.agent.domain.Usage;
import java.util.List;

/**
 * Counts tokens with jtokkit ({@code cl100k_base}) when the model does not report them: close for OpenAI models, an
 * estimate for others. Includes the few tokens of framing chat-completions adds per message.
 */
final class TokenEstimator {

    private static final int PER_MESSAGE = 4;
    private static final int PER_REQUEST = 3;

    private TokenEstimator() {}

    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    }

    /** Loads the vocabulary now, so that the first count does not. */
    static void warmUp() {
        count("warm");
    }

    static long count(String text) {
        return text == null || text.isEmpty() ? 0 : Holder.ENCODING.countTokensOrdinary(text);
    }

    static long prompt(List<ModelMessage> messages, List<ToolSpec> tools) {
        long tokens = PER_REQUEST;
        for (ModelMessage message : messages) {
            tokens += PER_MESSAGE + count(message.content());
            if (message instanceof ModelMessage.Assistant assistant) {
                tokens += calls(assistant.toolCalls());
            }
        }
        for (ToolSpec tool : tools) {
            tokens += count(tool.name()) + count(tool.description())
                    + (tool.parameters() == null ? 0 : count(tool.parameters().toString()));
        }
        return tokens;
    }

    static long completion(String text, List<ToolCall> calls) {
        return count(text) + calls(calls);
    }

    static Usage estimate(List<ModelMessage> messages, List<ToolSpec> tools, String text, List<ToolCall> calls) {
        return new Usage(prompt(messages, tools), completion(text, calls), "estimate");
    }

    private static long calls(List<ToolCall> calls) {
        long tokens = 0;
        for (ToolCall call : calls) {
            tokens += count(call.name()) + count(call.argumentsJson());
        }
        return tokens;
    }
}
