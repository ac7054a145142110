package dev.parley.pii.detect;

import java.util.Collection;
import java.util.Locale;

/**
 * A quick test that a word token is none of a set of lower-case ASCII words, by its first two letters and its
 * length, before its lower-case form is made and looked up. Exact: lower-casing keeps ASCII letters, and keeps the
 * length of every word it can turn into an ASCII one (only "İ" grows, into "i" and a combining dot).
 */
final class WordShapes {

    private static final int MAX_LENGTH = 63;
    private static final int OTHER = 1 << 26;

    /** By first character (either case) and length, the words' second characters: a bit each (a-z, or OTHER). */
    private final int[] seconds = new int[128 * (MAX_LENGTH + 1)];

    WordShapes(Collection<String> words) {
        for (String word : words) {
            if (word.length() < 2 || word.length() > MAX_LENGTH || !word.chars().allMatch(c -> c < 0x80)
                    || !word.equals(word.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not a lower-case ASCII word of 2 to 63 characters: " + word);
            }
            char first = word.charAt(0);
            seconds[slot(first, word.length())] |= bit(word.charAt(1));
            seconds[slot(Character.toUpperCase(first), word.length())] |= bit(word.charAt(1));
        }
    }

    /** Whether the lower-case form of word token {@code i} may be one of the words; if not, it is none of them. */
    boolean mayMatch(ProseTokens tokens, int i) {
        String text = tokens.text();
        int start = tokens.start(i);
        char first = text.charAt(start);
        int length = tokens.length(i);
        if (first >= 0x80) {
            return true;
        }
        int candidates = length > MAX_LENGTH ? 0 : seconds[slot(first, length)];
        if (candidates == 0) {
            return false;
        }
        char second = text.charAt(start + 1);
        return second >= 0x80 || (candidates & bit(second)) != 0;
    }

    private static int slot(char first, int length) {
        return first * (MAX_LENGTH + 1) + length;
    }

    private static int bit(char c) {
        char lower = TextScan.lower(c);
        return lower >= 'a' && lower <= 'z' ? 1 << (lower - 'a') : OTHER;
    }
}
