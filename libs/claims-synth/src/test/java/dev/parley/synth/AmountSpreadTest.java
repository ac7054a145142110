package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AmountSpreadTest {

    @Test
    void everyPrefixOfAGroupStaysWithinTheBandAndFarFromThreeSigma() {
        var spread = new AmountSpread(1, new SplittableRandom(5));
        long base = 9500;
        double sum = 0;
        double squares = 0;
        long highest = 0;
        for (int n = 1; n <= 5000; n++) {
            long cents = spread.nextCents(0, base);
            assertThat(cents).isBetween(Math.round(base * 0.85), Math.round(base * 1.15));
            sum += cents;
            squares += (double) cents * cents;
            highest = Math.max(highest, cents);
            if (n >= 30) {
                double mean = sum / n;
                double sd = Math.sqrt(squares / n - mean * mean);
                assertThat((highest - mean) / sd).as("z of the highest of %d", n).isLessThan(2.2);
            }
        }
    }

    @Test
    void outliersAreTwentyFiveToThirtyTimesTheBase() {
        var random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(AmountSpread.outlierCents(1000, random)).isBetween(25_000L, 30_000L);
        }
    }

    @Test
    void theSelfCheckFailsOnAGroupThatDoesNotSeparate() {
        var lopsided = new GroupStats(1);
        for (int i = 0; i < 29; i++) {
            lopsided.add(0, 10_000, false);
        }
        lopsided.add(0, 11_500, false);
        assertThatThrownBy(() -> lopsided.verifySeparation("CPT")).isInstanceOf(IllegalStateException.class);

        var weakOutlier = new GroupStats(1);
        var spread = new AmountSpread(1, new SplittableRandom(2));
        for (int i = 0; i < 100; i++) {
            weakOutlier.add(0, spread.nextCents(0, 10_000), false);
        }
        weakOutlier.add(0, 12_000, true);
        assertThatThrownBy(() -> weakOutlier.verifySeparation("CPT")).isInstanceOf(IllegalStateException.class);

        var separated = new GroupStats(1);
        for (int i = 0; i < 100; i++) {
            separated.add(0, spread.nextCents(0, 10_000), false);
        }
        for (int i = 0; i < 3; i++) {
            separated.add(0, 250_000, true);
        }
        separated.verifySeparation("CPT");
    }
}
