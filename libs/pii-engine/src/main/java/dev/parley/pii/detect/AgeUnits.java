package dev.parley.pii.detect;

import java.util.Set;

/**
 * The ways an age's unit is written after its number: "-year-old", " yo", "yo", " y/o", " y.o.", " years old",
 * " years of age". Shared by the age detector, which reports the number, and the person-name detector, for which
 * "Zenobia is a 94 year old" shows that the word before is a name.
 */
final class AgeUnits {

    /** Units written as one word: "year-old", "yo", "y-o". */
    private static final Set<String> UNIT_WORDS = Set.of(
            "year-old", "years-old", "yr-old", "yrs-old", "year-olds", "yo", "yoa", "y-o");
    /** Units that need "old" or "of age" after them: "95 years old", "95 yrs of age". */
    private static final Set<String> YEAR_WORDS = Set.of("year", "years", "yr", "yrs", "y");

    private AgeUnits() {}

    /** The index after the age unit that starts at {@code p}, right after the number, or -1. */
    static int unitEnd(ProseTokens tokens, int p) {
        int q = p;
        if (tokens.isMark(q, '-') && tokens.touchesPrevious(q) && tokens.touchesPrevious(q + 1)) {
            q++;
        }
        if (!tokens.isWord(q) || tokens.lineBreakBefore(q) || tokens.length(q) > 9) {
            return -1;
        }
        String word = tokens.lower(q);
        if (UNIT_WORDS.contains(word)) {
            return q + 1;
        }
        if (word.equals("y") && tokens.isMarkIn(q + 1, "/.") && tokens.touchesPrevious(q + 1)
                && tokens.is(q + 2, "o") && tokens.touchesPrevious(q + 2)) {
            boolean period = tokens.isMark(q + 3, '.') && tokens.touchesPrevious(q + 3);
            return period ? q + 4 : q + 3;
        }
        if (YEAR_WORDS.contains(word)) {
            int next = q + 1;
            if (tokens.isMark(next, '-') && tokens.touchesPrevious(next) && tokens.is(next + 1, "old")) {
                return next + 2;
            }
            if (tokens.is(next, "old")) {
                return next + 1;
            }
            if (tokens.is(next, "of") && tokens.is(next + 1, "age")) {
                return next + 2;
            }
        }
        return -1;
    }
}
