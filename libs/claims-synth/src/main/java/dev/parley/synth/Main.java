package dev.parley.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code java dev.parley.synth.Main --out DIR --seed N [--providers N --members N --medical N --pharmacy N]
 * [--demo] [--clean] [--no-quality-issues]}: writes the data set into DIR and prints a one-line summary.
 * Counts default to the demo's ({@link SynthSpec#demo}); {@code --clean} plants no fraud.
 */
public final class Main {

    private static final String USAGE = "usage: --out DIR --seed N [--providers N --members N --medical N"
        + " --pharmacy N] [--demo] [--clean] [--no-quality-issues]";

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("could not write the data set: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Generates as the arguments say and returns the summary line. */
    static String run(String[] args) throws IOException {
        Path out = null;
        Long seed = null;
        SynthSpec demo = SynthSpec.demo(0);
        int providers = demo.providers();
        int members = demo.members();
        int medical = demo.medicalClaims();
        int pharmacy = demo.pharmacyClaims();
        boolean plantFraud = true;
        boolean qualityIssues = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--seed" -> seed = number(value(args, ++i, arg), arg);
                case "--providers" -> providers = count(value(args, ++i, arg), arg);
                case "--members" -> members = count(value(args, ++i, arg), arg);
                case "--medical" -> medical = count(value(args, ++i, arg), arg);
                case "--pharmacy" -> pharmacy = count(value(args, ++i, arg), arg);
                case "--demo" -> {
                    // the default counts; the flag says so explicitly in scripts
                }
                case "--clean" -> plantFraud = false;
                case "--no-quality-issues" -> qualityIssues = false;
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (out == null || seed == null) {
            throw new IllegalArgumentException("--out and --seed are required");
        }
        var spec = new SynthSpec(seed, providers, members, medical, pharmacy, plantFraud, qualityIssues);
        long started = System.nanoTime();
        GroundTruth truth = new ClaimsGenerator(spec).writeTo(out);
        long millis = (System.nanoTime() - started) / 1_000_000;
        int issues = truth.qualityIssues().values().stream().mapToInt(Set::size).sum();
        return "wrote " + truth.providers() + " providers, " + truth.members() + " members, "
            + truth.medicalClaims() + " medical and " + truth.pharmacyClaims() + " pharmacy claims to " + out
            + " (seed " + seed + ", " + truth.plantedProviders().size() + " planted providers, "
            + truth.allHits().size() + " planted hits, " + issues + " quality issues) in " + millis + " ms";
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String flag) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number: " + text);
        }
    }

    private static int count(String text, String flag) {
        long value = number(text, flag);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " out of range: " + text);
        }
        return (int) value;
    }
}
