package dev.parley.pii.detect;

import java.util.List;

/**
 * The scanning primitives the format detectors share: ASCII character classes, token boundaries, bounded digit runs
 * and a bounded look-behind for cue words. Every method does work bounded by its arguments, never by the text's
 * length, so a detector that calls them a constant number of times per position stays linear.
 */
final class TextScan {

    private TextScan() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Part of a word: any Unicode letter or digit, or an underscore (identifiers in logs and filenames). */
    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A space people put between digit groups: a plain or a no-break space. */
    static boolean isGroupSpace(char c) {
        return c == ' ' || c == '\u00A0';
    }

    /** Punctuation that glues two tokens into one when it has a word character on both sides: {@code CLM-123}. */
    static boolean isJoiner(char c) {
        return c == '-' || c == '.' || c == '/';
    }

    /** No word character right before {@code i}. */
    static boolean startsWord(CharSequence text, int i) {
        return i == 0 || !isWordChar(text.charAt(i - 1));
    }

    /** No word character at {@code end}. */
    static boolean endsWord(CharSequence text, int end) {
        return end >= text.length() || !isWordChar(text.charAt(end));
    }

    /**
     * A number may start at {@code i}: nothing word-like before it, not a {@code +} (a phone's country code) and no
     * joiner glueing it to a preceding token ({@code 12-}, {@code CLM-}, {@code 1.}).
     */
    static boolean numberStartsAt(CharSequence text, int i) {
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        if (isWordChar(before) || before == '+') {
            return false;
        }
        return !(isJoiner(before) && i >= 2 && isWordChar(text.charAt(i - 2)));
    }

    /** A number may end at {@code end}: nothing word-like after it and no joiner glueing it to a following token. */
    static boolean numberEndsAt(CharSequence text, int end) {
        int length = text.length();
        if (end >= length) {
            return true;
        }
        char after = text.charAt(end);
        if (isWordChar(after)) {
            return false;
        }
        return !(isJoiner(after) && end + 1 < length && isWordChar(text.charAt(end + 1)));
    }

    /** The first digit of a run of digits: a digit with no digit right before it. */
    static boolean startsDigitRun(CharSequence text, int i) {
        return isDigit(text.charAt(i)) && (i == 0 || !isDigit(text.charAt(i - 1)));
    }

    /**
     * How many ASCII digits follow from {@code from}, counting at most {@code max + 1}: a result over {@code max}
     * means "too many", so a caller learns that without scanning a run of any length.
     */
    static int digitsAt(CharSequence text, int from, int max) {
        int limit = Math.min(text.length(), from + max + 1);
        int i = Math.max(from, 0);
        while (i < limit && isDigit(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** Exactly {@code count} digits at {@code from}, not followed by another digit. */
    static boolean exactDigits(CharSequence text, int from, int count) {
        return from < text.length() && digitsAt(text, from, count) == count;
    }

    /** How many ASCII letters and digits follow from {@code from}, counting at most {@code max + 1}. */
    static int alnumsAt(CharSequence text, int from, int max) {
        int limit = Math.min(text.length(), from + max + 1);
        int i = from;
        while (i < limit && isAsciiAlnum(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    /** The integer value of the digits in {@code [from, to)}; the caller has checked they are digits. */
    static int digitValue(CharSequence text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /**
     * {@code cue} occurs at {@code at} (ignoring case) as a word of its own: nothing word-like before it, no letter
     * after it.
     */
    static boolean cueAt(CharSequence text, int at, String cue) {
        int end = at + cue.length();
        if (at < 0 || end > text.length() || !startsWord(text, at)) {
            return false;
        }
        for (int k = 0; k < cue.length(); k++) {
            if (Character.toLowerCase(text.charAt(at + k)) != cue.charAt(k)) {
                return false;
            }
        }
        return !Character.isLetter(cue.charAt(cue.length() - 1)) || end == text.length()
                || !Character.isLetter(text.charAt(end));
    }

    /**
     * Where the nearest of {@code cues} (lower case) starts within the {@code window} characters before
     * {@code start}, or -1. A cue must end before {@code start}; the nearest is the one starting last.
     */
    static int nearestCueBefore(CharSequence text, int start, int window, List<String> cues) {
        int from = Math.max(0, start - window);
        for (int at = start - 1; at >= from; at--) {
            for (String cue : cues) {
                if (at + cue.length() <= start && cueAt(text, at, cue)) {
                    return at;
                }
            }
        }
        return -1;
    }

    /**
     * The nearest label within the {@code window} characters before {@code start} is one of {@code others}, not one
     * of {@code own}: "Claim no. 4603..." is a claim number however well it passes a card's checks.
     */
    static boolean otherLabelNearer(CharSequence text, int start, int window, List<String> own, List<String> others) {
        int other = nearestCueBefore(text, start, window, others);
        return other >= 0 && other > nearestCueBefore(text, start, window, own);
    }

    /** One of {@code cues} (lower case) occurs within the {@code window} characters before {@code start}. */
    static boolean cueBefore(CharSequence text, int start, int window, List<String> cues) {
        return nearestCueBefore(text, start, window, cues) >= 0;
    }
}
