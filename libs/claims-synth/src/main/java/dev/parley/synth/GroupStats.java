package dev.parley.synth;

import java.util.Arrays;

/**
 * Amount statistics of the CPT (or NDC) groups, kept while claims stream by, to prove at the end what
 * RULE-MED-006 (RULE-RX-002) will find: no clean amount above mean + 3 sigma, every planted outlier above it.
 * Only claims passing the quality gate are added, as only they reach the rules.
 */
final class GroupStats {

    private final long[] count;
    private final long[] plantedOutliers;
    private final double[] sum;
    private final double[] sumOfSquares;
    private final long[] highestOrdinary;
    private final long[] lowestOutlier;

    GroupStats(int groups) {
        count = new long[groups];
        plantedOutliers = new long[groups];
        sum = new double[groups];
        sumOfSquares = new double[groups];
        highestOrdinary = new long[groups];
        lowestOutlier = new long[groups];
        Arrays.fill(lowestOutlier, Long.MAX_VALUE);
    }

    void add(int group, long cents, boolean plantedOutlier) {
        count[group]++;
        sum[group] += cents;
        sumOfSquares[group] += (double) cents * cents;
        if (plantedOutlier) {
            plantedOutliers[group]++;
            lowestOutlier[group] = Math.min(lowestOutlier[group], cents);
        } else {
            highestOrdinary[group] = Math.max(highestOrdinary[group], cents);
        }
    }

    long ordinaryCount(int group) {
        return count[group] - plantedOutliers[group];
    }

    long plantedOutliers(int group) {
        return plantedOutliers[group];
    }

    /**
     * Fails unless every group the rule evaluates separates cleanly: ordinary amounts at most mean + sigmas x the
     * population deviation, planted outliers above mean + sigmas x the sample deviation (whichever the pipeline
     * uses, the hits are the planted outliers).
     */
    void verifySeparation(String what) {
        for (int group = 0; group < count.length; group++) {
            long n = count[group];
            if (n < FraudRule.OUTLIER_MIN_GROUP_SIZE) {
                if (plantedOutliers[group] > 0) {
                    throw new IllegalStateException(what + " group " + group + " too small for its outliers");
                }
                continue;
            }
            double mean = sum[group] / n;
            double variance = Math.max(0, sumOfSquares[group] / n - mean * mean);
            double population = Math.sqrt(variance);
            double sample = Math.sqrt(variance * n / (n - 1));
            double lowThreshold = mean + FraudRule.OUTLIER_SIGMAS * population;
            double highThreshold = mean + FraudRule.OUTLIER_SIGMAS * sample;
            // a margin of a cent for the rounding of a SQL aggregate
            if (highestOrdinary[group] + 1 >= lowThreshold) {
                throw new IllegalStateException(what + " group " + group + ": an ordinary amount is an outlier");
            }
            if (plantedOutliers[group] > 0 && lowestOutlier[group] - 1 <= highThreshold) {
                throw new IllegalStateException(what + " group " + group + ": a planted outlier is not one");
            }
        }
    }
}
