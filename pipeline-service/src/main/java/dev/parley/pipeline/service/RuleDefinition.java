package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.ClaimKind;
import java.util.Map;

/**
 * A fraud rule as configured: what the read API lists and a run's configuration snapshot records.
 *
 * @param thresholds the rule's thresholds parsed, in JSON-ready values: numbers ({@code BigDecimal} or
 *                   {@code Integer}), code maps ({@code {"97110": 6}}) and code pairs
 *                   ({@code [{"code": "80053", "component": "80048"}]})
 */
public record RuleDefinition(String id, String name, String description, ClaimKind claimKind, double weight,
                             double cap, boolean enabled, Map<String, Object> thresholds) {}
