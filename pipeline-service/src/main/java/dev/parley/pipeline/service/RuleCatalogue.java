package dev.parley.pipeline.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** STUB until the rule catalogue lands (helper-rules). */
@ApplicationScoped
public class RuleCatalogue {
    final dev.parley.pipeline.config.RulesConfig config;

    public RuleCatalogue(dev.parley.pipeline.config.RulesConfig config) {
        this.config = config;
    }

    public List<RuleDefinition> rules() {
        return List.of();
    }

    public Map<String, Object> snapshot() {
        return Map.of();
    }
}
