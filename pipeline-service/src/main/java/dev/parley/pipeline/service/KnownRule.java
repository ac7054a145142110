package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.ClaimKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rules the engine implements (README: Rules), with the thresholds each one reads and their kind. */
enum KnownRule {
    MED_001("RULE-MED-001", "Duplicate billing", ClaimKind.MEDICAL,
            "Every claim after the first (by claim id) with the same provider, member, service date and CPT.",
            Map.of()),
    MED_002("RULE-MED-002", "Upcoding", ClaimKind.MEDICAL,
            "Each highest-level E/M claim (99205, 99215) of a provider with at least min-em-claims E/M claims whose"
                    + " share of highest-level E/M is at least min-share and at least peer-ratio times the mean share"
                    + " of its specialty's other providers.",
            ordered("min-share", Threshold.FRACTION, "peer-ratio", Threshold.DECIMAL, "min-em-claims", Threshold.POSITIVE)),
    MED_003("RULE-MED-003", "Excessive units", ClaimKind.MEDICAL,
            "Units above the CPT's maximum (max-units, else default-max-units).",
            ordered("default-max-units", Threshold.COUNT, "max-units", Threshold.CODE_COUNTS)),
    MED_004("RULE-MED-004", "Impossible day", ClaimKind.MEDICAL,
            "Every time-based claim of a provider-day whose minutes (minutes per unit of the CPT x units) add up to"
                    + " more than max-minutes.",
            ordered("max-minutes", Threshold.COUNT, "minutes", Threshold.CODE_COUNTS)),
    MED_005("RULE-MED-005", "Unbundling", ClaimKind.MEDICAL,
            "The component claim of a configured pair (code>component) billed by one provider for one member on one"
                    + " day together with the code that includes it.",
            ordered("pairs", Threshold.CODE_PAIRS)),
    MED_006("RULE-MED-006", "High-cost outlier (medical)", ClaimKind.MEDICAL,
            "Amount billed above mean + sigmas population standard deviations of its CPT group, groups of at least"
                    + " min-group-size claims.",
            ordered("sigmas", Threshold.DECIMAL, "min-group-size", Threshold.POSITIVE)),
    MED_007("RULE-MED-007", "Unknown or inactive member (medical)", ClaimKind.MEDICAL,
            "Member unknown, or service date after the member's coverage end.", Map.of()),
    RX_001("RULE-RX-001", "Early refill", ClaimKind.PHARMACY,
            "A fill of the same member and NDC before refill-ratio of the previous fill's days supply has elapsed.",
            ordered("refill-ratio", Threshold.DECIMAL)),
    RX_002("RULE-RX-002", "High-cost outlier (pharmacy)", ClaimKind.PHARMACY,
            "Amount billed above mean + sigmas population standard deviations of its NDC group, groups of at least"
                    + " min-group-size claims.",
            ordered("sigmas", Threshold.DECIMAL, "min-group-size", Threshold.POSITIVE)),
    RX_003("RULE-RX-003", "Unknown or inactive member (pharmacy)", ClaimKind.PHARMACY,
            "Member unknown, or fill date after the member's coverage end.", Map.of());

    /** How a threshold's text is read. */
    enum Threshold {
        /** A decimal from 0 to 1. */
        FRACTION,
        /** A decimal of at least 0. */
        DECIMAL,
        /** An integer of at least 0. */
        COUNT,
        /** An integer of at least 1. */
        POSITIVE,
        /** {@code code=count,code=count}: counts of at least 0. */
        CODE_COUNTS,
        /** {@code code>component,code>component}. */
        CODE_PAIRS
    }

    final String id;
    final String ruleName;
    final ClaimKind kind;
    final String description;
    /** Threshold name to its kind, in the order they are documented. */
    final Map<String, Threshold> thresholds;

    KnownRule(String id, String ruleName, ClaimKind kind, String description, Map<String, Threshold> thresholds) {
        this.id = id;
        this.ruleName = ruleName;
        this.kind = kind;
        this.description = description;
        this.thresholds = thresholds;
    }

    /** The rule of an id, or null. */
    static KnownRule byId(String id) {
        for (KnownRule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        return null;
    }

    private static Map<String, Threshold> ordered(Object... pairs) {
        Map<String, Threshold> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Threshold) pairs[i + 1]);
        }
        return map;
    }
}
