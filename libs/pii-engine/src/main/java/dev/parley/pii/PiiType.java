package dev.parley.pii;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of identifier the engine finds: the HIPAA Safe Harbor identifiers plus payment data. Each kind belongs
 * to the lowest {@link Sensitivity} level that reports it.
 */
public enum PiiType {
    // direct identifiers: reported from MINIMAL up
    SSN(Sensitivity.MINIMAL),
    CREDIT_CARD(Sensitivity.MINIMAL),
    IBAN(Sensitivity.MINIMAL),
    EMAIL(Sensitivity.MINIMAL),
    PHONE(Sensitivity.MINIMAL),
    FAX(Sensitivity.MINIMAL),
    MRN(Sensitivity.MINIMAL),
    HEALTH_PLAN_ID(Sensitivity.MINIMAL),
    MEDICARE_MBI(Sensitivity.MINIMAL),
    BANK_ROUTING(Sensitivity.MINIMAL),
    ACCOUNT_NUMBER(Sensitivity.MINIMAL),
    LICENSE_NUMBER(Sensitivity.MINIMAL),
    // quasi-identifiers: from MODERATE (the default) up
    PERSON(Sensitivity.MODERATE),
    ADDRESS(Sensitivity.MODERATE),
    ZIP(Sensitivity.MODERATE),
    DATE(Sensitivity.MODERATE),
    URL(Sensitivity.MODERATE),
    IP_ADDRESS(Sensitivity.MODERATE),
    NPI(Sensitivity.MODERATE),
    DEA(Sensitivity.MODERATE),
    VIN(Sensitivity.MODERATE),
    // STRICT only
    AGE(Sensitivity.STRICT),
    LOCATION(Sensitivity.STRICT),
    NUMBER(Sensitivity.STRICT),
    // a tenant's deny-list term: always reported
    CUSTOM(Sensitivity.MINIMAL);

    private final Sensitivity level;

    PiiType(Sensitivity level) {
        this.level = level;
    }

    /** The lowest level that reports this type. */
    public Sensitivity level() {
        return level;
    }

    /** Every type reported at {@code level}. */
    public static Set<PiiType> reportedAt(Sensitivity level) {
        EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
        for (PiiType type : values()) {
            if (type.level.ordinal() <= level.ordinal()) {
                types.add(type);
            }
        }
        return types;
    }
}
