package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    record Output(String providers, String members, String medical, String pharmacy, String truth,
                  GroundTruth groundTruth) {
    }

    static Output generate(SynthSpec spec) throws IOException {
        var providers = new StringWriter();
        var members = new StringWriter();
        var medical = new StringWriter();
        var pharmacy = new StringWriter();
        GroundTruth truth = new ClaimsGenerator(spec).write(providers, members, medical, pharmacy);
        return new Output(providers.toString(), members.toString(), medical.toString(), pharmacy.toString(),
            truth.toJson(), truth);
    }

    @Test
    void oneSpecWritesTheSameBytesEveryTime() throws IOException {
        Output first = generate(SynthSpec.demo(42));
        Output second = generate(SynthSpec.demo(42));
        assertThat(second).isEqualTo(first);
        // and the same generator twice
        var generator = new ClaimsGenerator(SynthSpec.demo(42));
        var medical = new StringWriter();
        generator.write(new StringWriter(), new StringWriter(), medical, new StringWriter());
        assertThat(medical.toString()).isEqualTo(first.medical());
    }

    @Test
    void anotherSeedWritesOtherData() throws IOException {
        Output first = generate(SynthSpec.demo(42));
        Output other = generate(SynthSpec.demo(43));
        assertThat(other.providers()).isNotEqualTo(first.providers());
        assertThat(other.members()).isNotEqualTo(first.members());
        assertThat(other.medical()).isNotEqualTo(first.medical());
        assertThat(other.pharmacy()).isNotEqualTo(first.pharmacy());
        assertThat(other.truth()).isNotEqualTo(first.truth());
    }

    @Test
    void writeToWritesTheBytesOfWrite(@TempDir Path dir) throws IOException {
        Output expected = generate(SynthSpec.demo(9));
        GroundTruth truth = new ClaimsGenerator(SynthSpec.demo(9)).writeTo(dir);
        assertThat(Files.readString(dir.resolve("providers.csv"))).isEqualTo(expected.providers());
        assertThat(Files.readString(dir.resolve("members.csv"))).isEqualTo(expected.members());
        assertThat(Files.readString(dir.resolve("medical.csv"))).isEqualTo(expected.medical());
        assertThat(Files.readString(dir.resolve("pharmacy.csv"))).isEqualTo(expected.pharmacy());
        assertThat(Files.readString(dir.resolve("ground-truth.json"))).isEqualTo(expected.truth())
            .isEqualTo(truth.toJson());
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
                List.of("providers.csv", "members.csv", "medical.csv", "pharmacy.csv", "ground-truth.json"));
        }
    }
}
