package dev.parley.pii.corpus;

import java.util.List;
import java.util.Random;

/**
 * The few ways the generators draw from one seeded {@link Random}: every choice in a corpus comes from that one
 * source, which is what makes a corpus reproducible from its seed.
 */
final class RandomDraws {

    static final String DIGITS = "0123456789";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Random random;

    RandomDraws(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    /** A number in {@code [low, high]}, both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    final <T> T oneOf(T... options) {
        return options[random.nextInt(options.length)];
    }

    char charFrom(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }

    String charsFrom(String alphabet, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(charFrom(alphabet));
        }
        return out.toString();
    }

    String digits(int count) {
        return charsFrom(DIGITS, count);
    }

    String letters(int count) {
        return charsFrom(UPPER, count);
    }
}
