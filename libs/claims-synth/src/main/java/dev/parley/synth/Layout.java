package dev.parley.synth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a spec's counts divide into roles and claims, checked before anything is written: a spec the guarantees
 * cannot hold for is refused up front.
 *
 * @param medicalPlantsPerRule planted providers per medical rule (one per 100,000 medical claims, at least one)
 * @param pharmacyPlantsPerRule planted pharmacies per pharmacy rule (one per 100,000 pharmacy claims)
 * @param pharmacies            pharmacies among the providers, planted and quality-only ones included
 * @param medicalProviders      the other providers
 * @param qualityMedical        whether medical quality-issue claims (and their provider) are planted
 * @param qualityPharmacy       whether pharmacy quality-issue claims (and their pharmacy) are planted
 * @param inactiveMembers       members whose coverage ended 2025-06-30, used only by planted claims after it
 * @param unknownMembers        member ids of planted claims that members.csv does not hold
 * @param cleanMedicalClaims    medical claims drawn at random, the rest being planted
 * @param cleanPharmacyClaims   pharmacy claims drawn at random
 * @param chainsPerMember       NDCs each member fills
 */
record Layout(int medicalPlantsPerRule, int pharmacyPlantsPerRule, int pharmacies, int medicalProviders,
              boolean qualityMedical, boolean qualityPharmacy, int inactiveMembers, int unknownMembers,
              int cleanMedicalClaims, int cleanPharmacyClaims, int chainsPerMember) {

    static final int MAX_PROVIDERS = 100_000;
    static final int CLAIMS_PER_PLANT = 100_000;
    static final int MIN_CLEAN_PER_SPECIALTY = 4;
    /** Outliers go to groups of at least 100 ordinary claims: below these sizes no group is sure to get there. */
    static final int MIN_MEDICAL_CLAIMS_TO_PLANT = 2000;
    static final int MIN_PHARMACY_CLAIMS_TO_PLANT = 1000;

    // claims of one planted provider, per pattern (see ClaimsGenerator)
    static final int DUPLICATE_PAIRS = 3;
    static final int UPCODED_VISITS = 25;
    static final int EXCESS_UNIT_CLAIMS = 5;
    static final int IMPOSSIBLE_DAY_SESSIONS = 26;
    static final int UNBUNDLED_PAIRS = 3;
    static final int OUTLIERS = 3;
    static final int UNKNOWN_MEMBER_CLAIMS = 2;
    static final int INACTIVE_MEMBER_CLAIMS = 2;
    static final int EARLY_REFILLS = 4;
    static final int PLANTED_MEDICAL_CLAIMS = 2 * DUPLICATE_PAIRS + UPCODED_VISITS + EXCESS_UNIT_CLAIMS
        + IMPOSSIBLE_DAY_SESSIONS + 2 * UNBUNDLED_PAIRS + OUTLIERS + UNKNOWN_MEMBER_CLAIMS + INACTIVE_MEMBER_CLAIMS;
    static final int PLANTED_PHARMACY_CLAIMS = 2 * EARLY_REFILLS + OUTLIERS + UNKNOWN_MEMBER_CLAIMS
        + INACTIVE_MEMBER_CLAIMS;
    static final int QUALITY_MEDICAL_CLAIMS = 8;
    static final int QUALITY_PHARMACY_CLAIMS = 5;

    /** The specialties planted providers of a rule take in turn: those whose codes the pattern needs. */
    static final Map<FraudRule, List<Specialty>> PLANTED_SPECIALTIES = plantedSpecialties();

    static Layout of(SynthSpec spec) {
        if (spec.providers() > MAX_PROVIDERS) {
            throw new IllegalArgumentException("at most " + MAX_PROVIDERS + " providers");
        }
        int medicalPlants = spec.plantFraud() && spec.medicalClaims() > 0
            ? Math.max(1, spec.medicalClaims() / CLAIMS_PER_PLANT) : 0;
        int pharmacyPlants = spec.plantFraud() && spec.pharmacyClaims() > 0
            ? Math.max(1, spec.pharmacyClaims() / CLAIMS_PER_PLANT) : 0;
        if (medicalPlants > 0 && spec.medicalClaims() < MIN_MEDICAL_CLAIMS_TO_PLANT) {
            throw new IllegalArgumentException("planting fraud needs at least " + MIN_MEDICAL_CLAIMS_TO_PLANT
                + " medical claims (outliers need groups of 100 claims)");
        }
        if (pharmacyPlants > 0 && spec.pharmacyClaims() < MIN_PHARMACY_CLAIMS_TO_PLANT) {
            throw new IllegalArgumentException("planting fraud needs at least " + MIN_PHARMACY_CLAIMS_TO_PLANT
                + " pharmacy claims (outliers need groups of 100 claims)");
        }
        boolean qualityMedical = spec.plantQualityIssues() && spec.medicalClaims() > 0;
        boolean qualityPharmacy = spec.plantQualityIssues() && spec.pharmacyClaims() > 0;

        int pharmacies = pharmacies(spec.providers(), pharmacyPlants, qualityPharmacy);
        int medicalProviders = spec.providers() - pharmacies;
        int cleanMedicalProviders = cleanMedicalProviders(spec.providers(), medicalPlants, pharmacyPlants,
            qualityMedical, qualityPharmacy);
        if (cleanMedicalProviders < MIN_CLEAN_PER_SPECIALTY * Specialty.MEDICAL.size()) {
            int needed = spec.providers();
            while (cleanMedicalProviders(needed, medicalPlants, pharmacyPlants, qualityMedical, qualityPharmacy)
                < MIN_CLEAN_PER_SPECIALTY * Specialty.MEDICAL.size()) {
                needed++;
            }
            throw new IllegalArgumentException("needs at least " + needed + " providers: " + MIN_CLEAN_PER_SPECIALTY
                + " clean ones per specialty besides the pharmacies and the planted ones");
        }
        checkUpcodersHavePeers(medicalPlants, cleanMedicalProviders);

        int plantedMembers = 2 * (medicalPlants + pharmacyPlants);
        if (spec.members() - plantedMembers < 20) {
            throw new IllegalArgumentException("needs at least " + (plantedMembers + 20) + " members");
        }
        long memberIds = (long) spec.members() + plantedMembers;
        if (memberIds > SynthSpec.MAX_CLAIMS) {
            throw new IllegalArgumentException("too many members for eight-digit member ids");
        }
        int cleanMedicalClaims = spec.medicalClaims() - medicalPlants * PLANTED_MEDICAL_CLAIMS
            - (qualityMedical ? QUALITY_MEDICAL_CLAIMS : 0);
        int cleanPharmacyClaims = spec.pharmacyClaims() - pharmacyPlants * PLANTED_PHARMACY_CLAIMS
            - (qualityPharmacy ? QUALITY_PHARMACY_CLAIMS : 0);
        if (cleanMedicalClaims < 0 || cleanPharmacyClaims < 0) {
            throw new IllegalArgumentException("too few claims for the planted quality issues");
        }
        int cleanMembers = spec.members() - plantedMembers;
        int chainsPerMember = spec.pharmacyClaims() == 0 ? 0
            : Math.max(2, (spec.pharmacyClaims() + cleanMembers - 1) / cleanMembers);
        if (chainsPerMember > Drugs.ALL.size() / 2) {
            throw new IllegalArgumentException("too few members for " + spec.pharmacyClaims()
                + " pharmacy claims with refills spaced by their days supply");
        }
        return new Layout(medicalPlants, pharmacyPlants, pharmacies, medicalProviders, qualityMedical,
            qualityPharmacy, plantedMembers, plantedMembers, cleanMedicalClaims, cleanPharmacyClaims,
            chainsPerMember);
    }

    /** About 15% of the providers, and room for the planted ones, the quality-only one and a clean one. */
    private static int pharmacies(int providers, int pharmacyPlants, boolean qualityPharmacy) {
        return Math.max(3 * pharmacyPlants + (qualityPharmacy ? 1 : 0) + 1, (int) Math.round(providers * 0.15));
    }

    private static int cleanMedicalProviders(int providers, int medicalPlants, int pharmacyPlants,
                                             boolean qualityMedical, boolean qualityPharmacy) {
        return providers - pharmacies(providers, pharmacyPlants, qualityPharmacy) - 7 * medicalPlants
            - (qualityMedical ? 1 : 0);
    }

    /** Clean medical providers take the specialties in turn. */
    static Specialty cleanSpecialty(int i) {
        return Specialty.MEDICAL.get(i % Specialty.MEDICAL.size());
    }

    private static int cleanCount(int cleanMedicalProviders, Specialty specialty) {
        int position = Specialty.MEDICAL.indexOf(specialty);
        int specialties = Specialty.MEDICAL.size();
        return cleanMedicalProviders / specialties + (position < cleanMedicalProviders % specialties ? 1 : 0);
    }

    /**
     * An upcoder stays at 80% highest-level visits or more, clean peers at 15% or less: the mean of the others
     * stays under half the upcoder's share when each specialty has no more upcoders than a fifth of its clean
     * providers (or just one).
     */
    private static void checkUpcodersHavePeers(int medicalPlants, int cleanMedicalProviders) {
        List<Specialty> turns = PLANTED_SPECIALTIES.get(FraudRule.MED_002);
        for (Specialty specialty : turns) {
            int upcoders = 0;
            for (int i = 0; i < medicalPlants; i++) {
                upcoders += turns.get(i % turns.size()) == specialty ? 1 : 0;
            }
            if (upcoders > 1 && cleanCount(cleanMedicalProviders, specialty) < 5 * upcoders) {
                throw new IllegalArgumentException("too few providers for " + upcoders + " upcoders among "
                    + specialty.label());
            }
        }
    }

    private static Map<FraudRule, List<Specialty>> plantedSpecialties() {
        var turns = new EnumMap<FraudRule, List<Specialty>>(FraudRule.class);
        // the first of each list is the demo's: a different specialty for most patterns
        turns.put(FraudRule.MED_001, List.of(Specialty.CARDIOLOGY, Specialty.FAMILY_MEDICINE,
            Specialty.INTERNAL_MEDICINE, Specialty.PHYSICAL_THERAPY, Specialty.PSYCHIATRY, Specialty.GASTROENTEROLOGY));
        turns.put(FraudRule.MED_002, Specialty.BILLING_EM);
        turns.put(FraudRule.MED_003, List.of(Specialty.PHYSICAL_THERAPY, Specialty.FAMILY_MEDICINE,
            Specialty.INTERNAL_MEDICINE));
        turns.put(FraudRule.MED_004, List.of(Specialty.PSYCHIATRY));
        turns.put(FraudRule.MED_005, List.of(Specialty.GASTROENTEROLOGY, Specialty.CARDIOLOGY,
            Specialty.FAMILY_MEDICINE, Specialty.INTERNAL_MEDICINE));
        turns.put(FraudRule.MED_006, List.of(Specialty.INTERNAL_MEDICINE, Specialty.FAMILY_MEDICINE,
            Specialty.CARDIOLOGY, Specialty.GASTROENTEROLOGY, Specialty.PSYCHIATRY));
        turns.put(FraudRule.MED_007, List.of(Specialty.FAMILY_MEDICINE, Specialty.INTERNAL_MEDICINE,
            Specialty.PSYCHIATRY, Specialty.CARDIOLOGY, Specialty.PHYSICAL_THERAPY, Specialty.GASTROENTEROLOGY));
        for (FraudRule rule : FraudRule.values()) {
            if (rule.pharmacy()) {
                turns.put(rule, List.of(Specialty.PHARMACY));
            }
        }
        return Map.copyOf(turns);
    }
}
