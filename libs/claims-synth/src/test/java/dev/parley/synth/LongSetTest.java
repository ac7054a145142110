package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongSetTest {

    @Test
    void behavesLikeAHashSetWhileGrowing() {
        var set = new LongSet(4);
        var reference = new HashSet<Long>();
        var random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextLong(50_000) * 1_000_003L;
            assertThat(set.add(key)).isEqualTo(reference.add(key));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (long key = 0; key < 1_000; key++) {
            assertThat(set.contains(key * 1_000_003L)).isEqualTo(reference.contains(key * 1_000_003L));
        }
        assertThat(set.add(0)).isEqualTo(!reference.contains(0L));
        assertThat(set.contains(0)).isTrue();
    }
}
