package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RefillChainsTest {

    @Test
    void fillsOfAChainComeADaysSupplyApartUntilTheYearIsFull() {
        var random = new SplittableRandom(3);
        var chains = new RefillChains(new int[] {0, 1, 2, 3, 4}, 3, random);
        var lastFill = new HashMap<Integer, Integer>();
        int fills = 0;
        try {
            while (true) {
                int chain = chains.anyOpen(random);
                int day = chains.fill(chain, random);
                Integer previous = lastFill.put(chain, day);
                if (previous != null) {
                    assertThat(day - previous).isGreaterThanOrEqualTo(chains.drug(chain).daysSupply());
                }
                assertThat(day).isBetween(0, RefillChains.LAST_DAY);
                fills++;
            }
        } catch (IllegalArgumentException full) {
            assertThat(full).hasMessageContaining("full");
        }
        assertThat(fills).isGreaterThan(15);
        for (int chain = 0; chain < chains.size(); chain++) {
            assertThat(chains.nextDay(chain)).isGreaterThan(RefillChains.LAST_DAY);
        }
    }

    @Test
    void aMemberFillsDistinctDrugs() {
        var chains = new RefillChains(new int[] {7, 8}, 12, new SplittableRandom(4));
        for (int member = 0; member < 2; member++) {
            var drugs = new java.util.HashSet<String>();
            for (int chain = member * 12; chain < member * 12 + 12; chain++) {
                assertThat(drugs.add(chains.drug(chain).ndc())).isTrue();
            }
        }
    }
}
