package dev.parley.conversation.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;

/**
 * A page context after normalization: identifiers checked, facts sorted by key, limited in number, numbers rounded,
 * strings cut. Its canonical JSON (properties and facts in key order) is what the context hash covers.
 *
 * @param facts values are {@code String}, {@code java.math.BigDecimal} or {@code Boolean}
 * @param droppedFacts how many facts the limit left out
 */
@JsonPropertyOrder(alphabetic = true)
public record PageContext(String resourceType, String resourceId, String pageKey, SortedMap<String, Object> facts,
        String contextVersion, List<String> allowedActions, int droppedFacts) {

    public PageContext {
        facts = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(facts));
        allowedActions = List.copyOf(allowedActions);
    }

    /** The same context with other facts (after redaction). */
    public PageContext withFacts(SortedMap<String, Object> redacted) {
        return new PageContext(resourceType, resourceId, pageKey, redacted, contextVersion, allowedActions, droppedFacts);
    }
}
