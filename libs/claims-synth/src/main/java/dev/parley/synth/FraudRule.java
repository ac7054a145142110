package dev.parley.synth;

import java.util.Map;

/**
 * The rules of pipeline-service's README with their default weights, caps and thresholds; the generator plants
 * against these defaults.
 */
public enum FraudRule {
    MED_001("RULE-MED-001", 15, 45),
    MED_002("RULE-MED-002", 5, 30),
    MED_003("RULE-MED-003", 5, 25),
    MED_004("RULE-MED-004", 20, 60),
    MED_005("RULE-MED-005", 10, 40),
    MED_006("RULE-MED-006", 10, 30),
    MED_007("RULE-MED-007", 10, 40),
    RX_001("RULE-RX-001", 8, 40),
    RX_002("RULE-RX-002", 10, 30),
    RX_003("RULE-RX-003", 10, 40);

    /** RULE-MED-002 thresholds. */
    public static final double UPCODING_MIN_SHARE = 0.5;
    public static final double UPCODING_PEER_RATIO = 2.0;
    public static final int UPCODING_MIN_EM_CLAIMS = 20;
    /** RULE-MED-003: units above this unless {@link #MAX_UNITS} names the code. */
    public static final int DEFAULT_MAX_UNITS = 10;
    public static final Map<String, Integer> MAX_UNITS =
        Map.of("97110", 6, "97140", 6, "97530", 6, "96372", 4, "36415", 2);
    /** RULE-MED-004: minutes per unit of the time-based codes, and the most a provider-day may hold. */
    public static final Map<String, Integer> MINUTES = Map.of(
        "90837", 60, "90834", 45, "90832", 30, "99215", 40, "99214", 30, "97110", 15, "97140", 15, "97530", 15);
    public static final int MAX_MINUTES_PER_DAY = 1440;
    /** RULE-MED-005: comprehensive code -> the component it includes. */
    public static final Map<String, String> PAIRS =
        Map.of("80053", "80048", "93000", "93010", "45380", "45378", "99215", "99211");
    /** RULE-MED-006 and RULE-RX-002. */
    public static final double OUTLIER_SIGMAS = 3.0;
    public static final int OUTLIER_MIN_GROUP_SIZE = 30;
    /** RULE-RX-001. */
    public static final double REFILL_RATIO = 0.75;
    /** Risk level medium starts here: every planted provider reaches it from its planted hits alone. */
    public static final int MEDIUM_RISK = 20;

    private final String id;
    private final int weight;
    private final int cap;

    FraudRule(String id, int weight, int cap) {
        this.id = id;
        this.weight = weight;
        this.cap = cap;
    }

    public String id() {
        return id;
    }

    public int weight() {
        return weight;
    }

    public int cap() {
        return cap;
    }

    public boolean pharmacy() {
        return id.startsWith("RULE-RX");
    }

    /** Risk points this rule adds to one provider with {@code hits} hits. */
    public int points(int hits) {
        return Math.min(cap, weight * hits);
    }

    public static int maxUnits(String cpt) {
        return MAX_UNITS.getOrDefault(cpt, DEFAULT_MAX_UNITS);
    }
}
