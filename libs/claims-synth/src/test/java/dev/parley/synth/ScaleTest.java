package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million claims (2,000 providers, 50,000 members) in a JVM of 256 MB heap, in well under 30 seconds; then the
 * files checked by the oracle like the small ones. Slow and memory-hungry on the test side, so only with
 * {@code -Dsynth.scale=true}.
 */
@EnabledIfSystemProperty(named = "synth.scale", matches = "true")
class ScaleTest {

    private static final SynthSpec MILLION = new SynthSpec(7, 2000, 50_000, 800_000, 200_000, true, true);

    @Test
    void aMillionClaimsInAQuarterGigabyteHeapWithTheirGroundTruth(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("generator.log");
        Path gcLog = dir.resolve("gc.log");
        Path out = dir.resolve("data");
        var command = List.of(java, "-Xmx256m", "-Xlog:gc:file=" + gcLog,
            "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "--out", out.toString(), "--seed", Long.toString(MILLION.seed()),
            "--providers", "2000", "--members", "50000", "--medical", "800000", "--pharmacy", "200000");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.printf("1M claims: %.1f s wall clock including JVM start; %s%n", seconds, output.strip());
        System.out.println("heap after each GC (256 MB max): " + heapAfterGcs(gcLog));
        assertThat(finished).as("finished within a minute").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(seconds).isLessThan(30);
        assertThat(output).contains("wrote 2000 providers, 50000 members, 800000 medical and 200000 pharmacy claims");

        // the same spec in this JVM gives the ground truth the child wrote, byte for byte
        GroundTruth truth = new ClaimsGenerator(MILLION)
            .write(Writer.nullWriter(), Writer.nullWriter(), Writer.nullWriter(), Writer.nullWriter());
        assertThat(Files.readString(out.resolve("ground-truth.json"), StandardCharsets.UTF_8))
            .isEqualTo(truth.toJson());
        assertThat(lines(out.resolve("medical.csv"))).isEqualTo(800_001);
        assertThat(lines(out.resolve("pharmacy.csv"))).isEqualTo(200_001);
        assertThat(lines(out.resolve("providers.csv"))).isEqualTo(2001);
        assertThat(lines(out.resolve("members.csv"))).isEqualTo(50_001);
        for (String rule : RuleOracle.RULES) {
            long planted = truth.plantedProviders().values().stream().filter(rule::equals).count();
            assertThat(planted).as(rule).isEqualTo(rule.startsWith("RULE-RX") ? 2 : 8);
        }

        RuleOracle oracle = RuleOracle.read(out);
        Map<String, Set<String>> hits = oracle.hits();
        for (String rule : RuleOracle.RULES) {
            assertThat(hits.get(rule)).as(rule).isEqualTo(truth.hitsByRule().get(rule));
        }
        assertThat(oracle.qualityFailures).isEqualTo(truth.qualityIssues());
        var byProvider = oracle.hitsByProvider(hits);
        assertThat(byProvider.keySet()).noneMatch(truth.cleanProviders()::contains);
        truth.plantedProviders().forEach((npi, rule) -> {
            assertThat(byProvider.get(npi)).containsOnlyKeys(rule);
            assertThat(RuleOracle.points(rule, byProvider.get(npi).get(rule))).isGreaterThanOrEqualTo(20);
        });
    }

    private static long lines(Path file) throws IOException {
        try (var lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static String heapAfterGcs(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return "no GC log";
        }
        // "... Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.1ms": the largest "after" is the live peak
        var after = java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peakBefore = 0;
        long peakAfter = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            var matcher = after.matcher(line);
            if (matcher.find()) {
                collections++;
                peakBefore = Math.max(peakBefore, Long.parseLong(matcher.group(1)));
                peakAfter = Math.max(peakAfter, Long.parseLong(matcher.group(2)));
            }
        }
        return collections + " collections, heap at most " + peakBefore + " MB before and " + peakAfter
            + " MB after a collection";
    }
}
