package dev.parley.synth;

import java.util.SplittableRandom;

/**
 * Amounts of a group within 15% of its base price, spread evenly rather than at random: the k-th amount of a group
 * sits at a golden-ratio step from the previous one (a Weyl sequence), so every prefix of a group is close to
 * uniform over the band. A uniform band has its top at mean + 1.7 sigma; no clean amount can come near 3 sigma,
 * at any group size, by construction rather than by luck.
 */
final class AmountSpread {

    private static final double GOLDEN_STEP = 0.6180339887498949;
    private static final double BAND = 0.15;

    private final double[] phase;
    private final long[] drawn;

    AmountSpread(int groups, SplittableRandom random) {
        phase = new double[groups];
        drawn = new long[groups];
        for (int group = 0; group < groups; group++) {
            phase[group] = random.nextDouble();
        }
    }

    long nextCents(int group, long baseCents) {
        double position = phase[group] + GOLDEN_STEP * drawn[group]++;
        position -= Math.floor(position);
        return Math.round(baseCents * (1 - BAND + 2 * BAND * position));
    }

    /** A planted outlier: 25 to 30 times the base price, far above any group's mean + 3 sigma. */
    static long outlierCents(long baseCents, SplittableRandom random) {
        return Math.round(baseCents * (25 + 5 * random.nextDouble()));
    }
}
