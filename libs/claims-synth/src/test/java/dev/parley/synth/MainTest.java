package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void writesTheDemoAndSummarizesIt(@TempDir Path dir) throws IOException {
        String summary = Main.run(new String[] {"--out", dir.toString(), "--seed", "42", "--demo"});
        assertThat(summary).startsWith("wrote 40 providers, 500 members, 4000 medical and 1000 pharmacy claims to ")
            .contains("(seed 42, 10 planted providers, ").contains(", 13 quality issues)").doesNotContain("\n");
        assertThat(dir.resolve("ground-truth.json")).exists();
        assertThat(Files.readString(dir.resolve("medical.csv")))
            .isEqualTo(DeterminismTest.generate(SynthSpec.demo(42)).medical());
    }

    @Test
    void countsAndFlagsMakeTheSpec(@TempDir Path dir) throws IOException {
        String summary = Main.run(new String[] {"--out", dir.toString(), "--seed", "3", "--providers", "60",
            "--members", "300", "--medical", "2500", "--pharmacy", "400", "--clean", "--no-quality-issues"});
        assertThat(summary).contains("wrote 60 providers, 300 members, 2500 medical and 400 pharmacy claims")
            .contains("0 planted providers, 0 planted hits, 0 quality issues");
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> Main.run(new String[] {"--seed", "1"})).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--out");
        assertThatThrownBy(() -> Main.run(new String[] {"--out", "x", "--seed", "one"}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Main.run(new String[] {"--out", "x", "--seed", "1", "--fast"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
        assertThatThrownBy(() -> Main.run(new String[] {"--out", "x", "--seed"}))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
