package dev.parley.synth;

/**
 * A CPT code as the generator bills it.
 *
 * @param index          position in {@link Procedures#ALL}, the index of its amount and count arrays
 * @param code           five characters, {@code [0-9]{4}[0-9A-Z]}
 * @param basePriceCents clean amounts stay within 15% of it
 * @param minutesPerUnit RULE-MED-004 minutes, 0 for a code that is not time-based
 * @param cleanMaxUnits  clean claims bill 1..this many units, far under RULE-MED-003's maximum
 * @param family         codes of one family never share a (provider, member, day) in clean data: the E/M visit
 *                       levels (one visit a day) and both codes of each RULE-MED-005 pair
 */
record Procedure(int index, String code, long basePriceCents, int minutesPerUnit, int cleanMaxUnits, int family) {

    boolean evaluationAndManagement() {
        return family == Procedures.EM_FAMILY;
    }

    /** 99205 and 99215, the levels RULE-MED-002 counts. */
    boolean highestLevel() {
        return code.equals("99205") || code.equals("99215");
    }

    boolean timeBased() {
        return minutesPerUnit > 0;
    }

    int maxUnits() {
        return FraudRule.maxUnits(code);
    }
}
