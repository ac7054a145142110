package dev.parley.pipeline.domain;

import java.util.Locale;

/** A provider's risk level, from its score. */
public enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of its wire name, or null if there is none. */
    public static RiskLevel parse(String wire) {
        for (RiskLevel level : values()) {
            if (level.wire().equals(wire)) {
                return level;
            }
        }
        return null;
    }
}
