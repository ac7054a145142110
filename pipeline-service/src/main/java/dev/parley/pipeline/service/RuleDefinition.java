package dev.parley.pipeline.service;

import java.util.Map;

/** STUB until the rule catalogue lands (helper-rules). */
public record RuleDefinition(String id, String name, String description, String claimKind, double weight, double cap,
        boolean enabled, Map<String, String> thresholds) {}
