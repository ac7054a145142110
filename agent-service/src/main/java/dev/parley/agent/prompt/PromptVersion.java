package dev.parley.agent.prompt;

import java.util.List;

/**
 * One version of a prompt, as loaded from {@code prompts/<id>-<version>.yaml}.
 *
 * @param id the prompt's id ({@code chat-system})
 * @param version {@code v1}, {@code v2}, ... (also {@code v2.1}); compared numerically
 * @param template the text, with {@code {{name}}} placeholders
 * @param placeholders the placeholder names the template uses, as the file declares them
 * @param changelog the file's changelog, as written (it has an entry for this version)
 * @param sha256 hex SHA-256 of the template, to tell exactly which text a turn used
 */
public record PromptVersion(String id, String version, String template, List<String> placeholders,
        List<ChangelogEntry> changelog, String sha256) {

    public PromptVersion {
        placeholders = List.copyOf(placeholders);
        changelog = List.copyOf(changelog);
    }

    /** {@code chat-system@v2}: what assistant messages and audit events record as the prompt version. */
    public String ref() {
        return id + "@" + version;
    }
}
