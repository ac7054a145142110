package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Ages over 89, which Safe Harbor treats as identifying (there are few people that old in any one place); younger
 * ages are not findings. An age is a number from {@value #MIN_AGE} to {@value #MAX_AGE} written with its unit
 * ("92-year-old", "92 yo", "92 y/o", "92 y.o.", "95 years old", "95 years of age"), after a label ("aged 93",
 * "age: 95", "age of 96"), or said of a person ("my grandma is 98 and...", "he turned 91"). Scores {@link #AGE}.
 *
 * <p>The span is the number alone: the number is the identifier, and the unit or label left around it keeps a
 * scrubbed text readable ("a [AGE]-year-old woman"), as the title stays outside a person's name.
 */
public final class AgeDetector implements Detector {

    static final double AGE = 0.9;
    static final int MIN_AGE = 90;
    /** Beyond this, "150 years old" is a building or a tree. */
    static final int MAX_AGE = 125;

    private static final Set<String> LABELS = Set.of("age", "aged");
    /** People whose age a bare number after "is", "was" or "turned" gives: "my grandma is 98", "he turned 91". */
    private static final Set<String> PEOPLE = Set.of(
            "he", "she", "i", "mom", "mother", "dad", "father", "grandma", "grandmother", "grandpa", "grandfather",
            "husband", "wife", "patient", "pt", "member", "son", "daughter", "aunt", "uncle", "brother", "sister",
            "spouse", "partner", "mum", "nana", "granny");
    private static final Set<String> COPULAS = Set.of("is", "was", "am", "turned", "turns", "turning", "be");
    /** Words that may follow such an age; any other word ("95 lbs", "92 percent") makes the number something else. */
    private static final Set<String> AFTER_AGE = Set.of(
            "and", "but", "now", "today", "this", "next", "last", "so", "soon", "already", "yesterday", "years",
            "yrs", "with", "in", "on", "at", "who", "or");

    @Override
    public String name() {
        return "age";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.AGE);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        for (int i = 0; i < tokens.size(); i++) {
            if (!isAgeNumber(tokens, i)) {
                continue;
            }
            boolean age = AgeUnits.unitEnd(tokens, i + 1) > 0
                    || (labeled(tokens, i) || saidOfAPerson(tokens, i)) && standsAlone(tokens, i + 1);
            if (age) {
                out.add(new Finding(PiiType.AGE, tokens.start(i), tokens.end(i), AGE, name()));
            }
        }
    }

    private static boolean isAgeNumber(ProseTokens tokens, int i) {
        int value = tokens.intValue(i);
        if (value < MIN_AGE || value > MAX_AGE || tokens.digits(i) > 3) {
            return false;
        }
        return !tokens.touchesPrevious(i) || !(tokens.isNumber(i - 1) || tokens.isWord(i - 1)
                || tokens.isMarkIn(i - 1, ".,/-$"));
    }

    /** "aged 93", "age 93", "age: 95", "age of 96", "Age - 95". */
    private static boolean labeled(ProseTokens tokens, int i) {
        int k = i - 1;
        if (tokens.isMarkIn(k, ":-=")) {
            k--;
        } else if (tokens.is(k, "of")) {
            k--;
        }
        return tokens.isWord(k) && LABELS.contains(tokens.lower(k));
    }

    /**
     * "my grandma is 98 and...", "she was 93.", "he turned 91", "I am 95": a person, a copula, the number, and
     * nothing after it that makes it a weight or a percentage.
     */
    private static boolean saidOfAPerson(ProseTokens tokens, int i) {
        int copula = i - 1;
        if (!tokens.isWord(copula) || !COPULAS.contains(tokens.lower(copula))) {
            return false;
        }
        int subject = copula - 1;
        if (tokens.is(copula, "be") && tokens.is(subject, "will")) {
            subject--;
        }
        if (!tokens.isWord(subject) || !PEOPLE.contains(tokens.lower(subject))) {
            return false;
        }
        int next = i + 1;
        return !tokens.isWord(next) || AFTER_AGE.contains(tokens.lower(next)) || tokens.lineBreakBefore(next);
    }

    /** Nothing glued after a labeled number: not "age 95.5", "age 95%", "age 95/100", "age 95kg". */
    private static boolean standsAlone(ProseTokens tokens, int e) {
        if (!tokens.touchesPrevious(e)) {
            return true;
        }
        return !(tokens.isWord(e) || tokens.isNumber(e) || tokens.isMarkIn(e, "%/")
                || tokens.isMark(e, '.') && tokens.isNumber(e + 1) && tokens.touchesPrevious(e + 1));
    }
}
