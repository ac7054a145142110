package dev.parley.conversation.domain;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page context as a few lines for the prompt preamble, kept under a token budget counted with the cl100k_base
 * tokenizer: facts are listed in key order until the next one would not fit, and the rest are counted, not shown.
 */
public final class ContextSummary {

    private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private ContextSummary() {}

    /** The summary of {@code context} in fewer than {@code maxTokens} tokens. */
    public static String of(PageContext context, int maxTokens) {
        List<String> head = new ArrayList<>();
        head.add("Page context: " + context.resourceType() + " " + context.resourceId()
                + (context.pageKey() == null ? "" : " (page " + context.pageKey() + ")")
                + (context.contextVersion() == null ? "" : " version " + context.contextVersion()));
        if (!context.allowedActions().isEmpty()) {
            head.add("Allowed actions: " + String.join(", ", context.allowedActions()));
        }
        List<String> facts = new ArrayList<>();
        for (Map.Entry<String, Object> fact : context.facts().entrySet()) {
            facts.add("- " + fact.getKey() + ": " + PageContextNormalizer.text(fact.getValue()));
        }
        // the most facts that fit: more facts never make the summary shorter, so search for the boundary
        int low = 0;
        int high = facts.size();
        while (low < high) {
            int middle = (low + high + 1) / 2;
            if (CL100K.countTokens(render(head, facts, middle, context.droppedFacts())) < maxTokens) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        String summary = render(head, facts, low, context.droppedFacts());
        if (CL100K.countTokens(summary) >= maxTokens) {
            // identifiers alone are over the budget (a tiny budget): cut by tokens
            summary = CL100K.decode(CL100K.encode(summary, maxTokens - 1).getTokens());
        }
        return summary;
    }

    /** How many cl100k_base tokens {@code text} is. */
    public static int tokens(String text) {
        return CL100K.countTokens(text);
    }

    private static String render(List<String> head, List<String> facts, int shown, int dropped) {
        StringBuilder out = new StringBuilder(String.join("\n", head));
        if (shown > 0) {
            out.append("\nFacts:");
            facts.subList(0, shown).forEach(line -> out.append('\n').append(line));
        }
        int hidden = facts.size() - shown + dropped;
        if (hidden > 0) {
            out.append("\n(").append(hidden).append(hidden == 1 ? " more fact" : " more facts").append(" not shown)");
        }
        return out.toString();
    }
}
