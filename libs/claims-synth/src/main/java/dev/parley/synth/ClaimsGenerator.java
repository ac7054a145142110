package dev.parley.synth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a synthetic claims data set - providers, members, medical and pharmacy claims in the upload formats of
 * pipeline-service - with planted fraud patterns and quality issues, and returns its ground truth. Deterministic
 * (one spec, the same bytes) and streaming: claims are written as they are drawn, only their uniqueness keys,
 * per provider-day minutes and per group sums are kept.
 */
public final class ClaimsGenerator {

    public static final String PROVIDERS_FILE = "providers.csv";
    public static final String MEMBERS_FILE = "members.csv";
    public static final String MEDICAL_FILE = "medical.csv";
    public static final String PHARMACY_FILE = "pharmacy.csv";
    public static final String GROUND_TRUTH_FILE = "ground-truth.json";

    private static final int BUFFER = 1 << 16;

    private final SynthSpec spec;
    private final Layout layout;

    /** @throws IllegalArgumentException when the guarantees cannot hold for the spec (too few providers, ...) */
    public ClaimsGenerator(SynthSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.layout = Layout.of(spec);
    }

    public SynthSpec spec() {
        return spec;
    }

    /** Streams the four CSV files (exact headers of the README's data formats) and returns the ground truth. */
    public GroundTruth write(Writer providers, Writer members, Writer medical, Writer pharmacy) throws IOException {
        return new Generation(spec, layout).write(providers, members, medical, pharmacy);
    }

    /** Writes providers.csv, members.csv, medical.csv, pharmacy.csv and ground-truth.json into dir. */
    public GroundTruth writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        GroundTruth truth;
        try (Writer providers = open(dir.resolve(PROVIDERS_FILE));
             Writer members = open(dir.resolve(MEMBERS_FILE));
             Writer medical = open(dir.resolve(MEDICAL_FILE));
             Writer pharmacy = open(dir.resolve(PHARMACY_FILE))) {
            truth = write(providers, members, medical, pharmacy);
        }
        Files.writeString(dir.resolve(GROUND_TRUTH_FILE), truth.toJson(), StandardCharsets.UTF_8);
        return truth;
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
    }
}
