package dev.parley.agent.prompt;

import java.util.List;
import java.util.Map;

/**
 * A prompt as {@code GET /v1/prompts} shows it: its versions (without the template text), the A/B weight of each
 * version and the versions that can be chosen (weight above 0).
 */
public record PromptListing(String id, List<VersionInfo> versions, Map<String, Integer> weights, List<String> active) {

    /** One version: its changelog, the placeholders it needs and its template's SHA-256. */
    public record VersionInfo(String version, List<ChangelogEntry> changelog, List<String> placeholders,
            String sha256) {}
}
