package dev.parley.agent.domain;

/**
 * Tokens a turn used. {@code counted}: {@code model} when the model reported them, {@code estimate} when counted
 * with jtokkit (cl100k_base), {@code none} when no model was called.
 */
public record Usage(long promptTokens, long completionTokens, String counted) {

    public static final Usage NONE = new Usage(0, 0, "none");

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public Usage plus(Usage other) {
        String how = counted.equals("none") ? other.counted() : other.counted().equals("none") ? counted
                : counted.equals(other.counted()) ? counted : "estimate";
        return new Usage(promptTokens + other.promptTokens(), completionTokens + other.completionTokens(), how);
    }
}
