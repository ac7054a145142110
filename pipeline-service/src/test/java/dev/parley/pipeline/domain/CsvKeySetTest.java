package dev.parley.pipeline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvKeySetTest {

    @Test
    void remembersEveryKeyThroughGrowth() {
        CsvKeySet keys = new CsvKeySet();
        for (int i = 0; i < 200_000; i++) {
            assertThat(keys.add("CLM" + i)).isTrue();
        }
        assertThat(keys.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(keys.add("CLM" + i)).as("CLM" + i).isFalse();
        }
        assertThat(keys.add("")).isTrue();
        assertThat(keys.add("")).isFalse();
    }
}
