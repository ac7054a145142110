package dev.parley.synth;

/**
 * What to generate. Counts are totals of the written files: planted and quality-issue claims are part of
 * {@code medicalClaims} and {@code pharmacyClaims}, pharmacies and the planted providers part of {@code providers}.
 *
 * @param seed               every random choice derives from it: one spec, one byte-identical output
 * @param providers          rows of providers.csv, medical providers and pharmacies (about 15%) together
 * @param members            rows of members.csv
 * @param medicalClaims      rows of medical.csv
 * @param pharmacyClaims     rows of pharmacy.csv
 * @param plantFraud         plant one billing provider per rule (more at scale) with its pattern
 * @param plantQualityIssues plant a handful of claims that fail the quality gate
 */
public record SynthSpec(long seed, int providers, int members, int medicalClaims, int pharmacyClaims,
                        boolean plantFraud, boolean plantQualityIssues) {

    /** Claim ids carry eight digits. */
    static final int MAX_CLAIMS = 99_999_999;

    public SynthSpec {
        if (providers < 1 || members < 1) {
            throw new IllegalArgumentException("providers and members must be at least 1");
        }
        if (medicalClaims < 0 || pharmacyClaims < 0) {
            throw new IllegalArgumentException("claim counts must not be negative");
        }
        if (medicalClaims > MAX_CLAIMS || pharmacyClaims > MAX_CLAIMS || members > MAX_CLAIMS) {
            throw new IllegalArgumentException("at most " + MAX_CLAIMS + " members and claims of each kind");
        }
    }

    /** The demo workspace of {@code ./parley up}: small enough to upload in seconds, every rule with a case. */
    public static SynthSpec demo(long seed) {
        return new SynthSpec(seed, 40, 500, 4000, 1000, true, true);
    }

    public SynthSpec withCounts(int providers, int members, int medicalClaims, int pharmacyClaims) {
        return new SynthSpec(seed, providers, members, medicalClaims, pharmacyClaims, plantFraud, plantQualityIssues);
    }

    public SynthSpec withPlantFraud(boolean plantFraud) {
        return new SynthSpec(seed, providers, members, medicalClaims, pharmacyClaims, plantFraud, plantQualityIssues);
    }

    public SynthSpec withPlantQualityIssues(boolean plantQualityIssues) {
        return new SynthSpec(seed, providers, members, medicalClaims, pharmacyClaims, plantFraud, plantQualityIssues);
    }
}
