package dev.parley.synth;

/**
 * A dispensed package. Quantity and days supply are fixed per NDC so that amounts of one NDC group stay within 15%
 * of its base price.
 *
 * @param index          position in {@link Drugs#ALL}
 * @param ndc            eleven digits (5-4-2 without dashes)
 * @param name           for people reading the data; not written
 * @param basePriceCents clean amounts stay within 15% of it
 * @param quantity       as written, a decimal
 * @param daysSupply     7, 14, 30 or 90
 * @param weight         how common it is among members' prescriptions
 */
record Drug(int index, String ndc, String name, long basePriceCents, String quantity, int daysSupply, int weight) {
}
