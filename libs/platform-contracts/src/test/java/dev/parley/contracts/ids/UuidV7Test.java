package dev.parley.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void hasVersionSevenAndRfcVariant() {
        UUID id = UuidV7.next();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void carriesTheCurrentTime() {
        long before = System.currentTimeMillis();
        UUID id = UuidV7.next();
        long after = System.currentTimeMillis();
        // the counter may borrow a millisecond ahead when exhausted; allow that one step
        assertThat(UuidV7.timestampMillis(id)).isBetween(before, after + 1);
    }

    @Test
    void idsFromOneProcessAreStrictlyIncreasingAndUnique() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(UuidV7.next());
        }
        for (int i = 1; i < ids.size(); i++) {
            // compare as unsigned 128-bit numbers, the order a database index sees
            UUID a = ids.get(i - 1);
            UUID b = ids.get(i);
            int cmp = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            assertThat(cmp).as("id %d must sort after id %d", i, i - 1).isLessThan(0);
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void refusesOtherVersions() {
        assertThatThrownBy(() -> UuidV7.timestampMillis(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
