package dev.parley.synth;

/**
 * What the generator must remember of the medical claims written so far to keep clean data clean: the
 * (provider, member, day, code family) keys, the minutes of time-based codes per provider-day and the E/M visit
 * counts per provider. A few bytes per claim; no claim is kept.
 */
final class MedicalLedger {

    /** A clean provider-day stays within an eight-hour day of time-based codes, far below RULE-MED-004's 1440. */
    static final int ORDINARY_MINUTES_PER_DAY = 480;
    static final int DAYS = RefillChains.LAST_DAY + 1;

    private final long memberSpace;
    private final LongSet keys;
    private final short[] ordinaryMinutes;
    private final int[] visits;
    private final int[] highestLevelVisits;

    MedicalLedger(int providers, long memberSpace, int expectedClaims) {
        this.memberSpace = memberSpace;
        keys = new LongSet(expectedClaims);
        ordinaryMinutes = new short[providers * DAYS];
        visits = new int[providers];
        highestLevelVisits = new int[providers];
    }

    /**
     * Books a claim unless its (provider, member, day, family) is taken or, with {@code capMinutes}, its minutes
     * (times {@code copies}, for a duplicate to follow) would not fit the provider-day.
     */
    boolean book(int provider, int member, int day, Procedure procedure, int units, boolean capMinutes, int copies) {
        int minutes = procedure.minutesPerUnit() * units * copies;
        int slot = provider * DAYS + day;
        if (capMinutes && ordinaryMinutes[slot] + minutes > ORDINARY_MINUTES_PER_DAY) {
            return false;
        }
        if (!keys.add(key(provider, member, day, procedure.family()))) {
            return false;
        }
        if (capMinutes) {
            ordinaryMinutes[slot] += (short) minutes;
        }
        countVisit(provider, procedure, copies);
        return true;
    }

    /** Books the second claim of a planted duplicate or pair whose key the first one booked. */
    void bookSameKey(int provider, Procedure procedure) {
        countVisit(provider, procedure, 1);
    }

    int visits(int provider) {
        return visits[provider];
    }

    int highestLevelVisits(int provider) {
        return highestLevelVisits[provider];
    }

    /** The E/M level a provider bills for a visit drawn at {@code drawn}: quotas, not chance, decide the top level. */
    Procedure visitLevel(int provider, Procedure drawn, boolean upcoder) {
        if (!drawn.evaluationAndManagement()) {
            return drawn;
        }
        boolean newPatient = drawn.code().startsWith("9920");
        int total = visits[provider];
        int highest = highestLevelVisits[provider];
        if (upcoder) {
            // at least 80% of its visits at the highest level, from the first one on
            boolean belowQuota = 5 * highest < 4 * (total + 1);
            if (belowQuota) {
                return newPatient ? Procedures.NEW_PATIENT_HIGHEST : Procedures.ESTABLISHED_HIGHEST;
            }
            return drawn;
        }
        // at most 15% of its visits at the highest level, from the first one on
        if (drawn.highestLevel() && 100 * (highest + 1) > 15 * (total + 1)) {
            return newPatient ? Procedures.NEW_PATIENT_HIGH : Procedures.ESTABLISHED_HIGH;
        }
        return drawn;
    }

    private void countVisit(int provider, Procedure procedure, int copies) {
        if (procedure.evaluationAndManagement()) {
            visits[provider] += copies;
            if (procedure.highestLevel()) {
                highestLevelVisits[provider] += copies;
            }
        }
    }

    private long key(int provider, int member, int day, int family) {
        return ((provider * memberSpace + member) * DAYS + day) * Procedures.FAMILIES + family;
    }
}
