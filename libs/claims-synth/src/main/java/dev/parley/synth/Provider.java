package dev.parley.synth;

/**
 * A row of providers.csv and its role in the data set.
 *
 * @param planted     the rule planted on it, null for a clean provider
 * @param qualityOnly bills only the planted quality-issue claims: neither planted nor clean
 */
record Provider(String npi, String name, Specialty specialty, String state, FraudRule planted, boolean qualityOnly) {

    boolean clean() {
        return planted == null && !qualityOnly;
    }
}
