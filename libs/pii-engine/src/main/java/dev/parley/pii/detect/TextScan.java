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
        if (c < 0x80) {
            return isAsciiAlnum(c) || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }

    /** {@link Character#isLetter(char)}, with a shortcut for ASCII. */
    static boolean isLetter(char c) {
        return c < 0x80 ? isAsciiLetter(c) : Character.isLetter(c);
    }

    /**
     * {@code word} (lower case) occurs at {@code at}, ignoring case as {@link String#regionMatches(boolean, int,
     * String, int, int)} does, but comparing ASCII characters without the Unicode case tables.
     */
    static boolean matchesIgnoreCase(String text, int at, String word) {
        int length = word.length();
        if (at < 0 || at > text.length() - length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            char c = text.charAt(at + k);
            if (c < 0x80 ? lower(c) != word.charAt(k) : !text.regionMatches(true, at + k, word, k, 1)) {
                return false;
            }
        }
        return true;
    }

    /** A space people put between digit groups: a plain or a no-break space. */
    static boolean isGroupSpace(char c) {
        return c == ' ' || c == '\u00A0';
    }

    /** Punctuation that glues two tokens into one when it has a word character on both sides: {@code CLM-123}. */
    static boolean isJoiner(char c) {
        return c == '-' || c == '.' || c == '/';
    }

    /** {@link Character#toLowerCase(char)}, with a shortcut for ASCII. */
    static char lower(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    // The same methods bound to String, which every detector scans. A call on a String's charAt is bound statically;
    // through CharSequence the JIT must assume the only implementations loaded so far, and throws the compiled
    // detectors away whenever another one loads (a CharBuffer, say).

    static boolean startsWord(String text, int i) {
        return i == 0 || !isWordChar(text.charAt(i - 1));
    }

    static boolean endsWord(String text, int end) {
        return end >= text.length() || !isWordChar(text.charAt(end));
    }

    static boolean numberStartsAt(String text, int i) {
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        if (isWordChar(before) || before == '+') {
            return false;
        }
        return !(isJoiner(before) && i >= 2 && isWordChar(text.charAt(i - 2)));
    }

    static boolean numberEndsAt(String text, int end) {
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

    static int digitsAt(String text, int from, int max) {
        int limit = Math.min(text.length(), from + max + 1);
        int i = Math.max(from, 0);
        while (i < limit && isDigit(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    static boolean exactDigits(String text, int from, int count) {
        return from < text.length() && digitsAt(text, from, count) == count;
    }

    static int alnumsAt(String text, int from, int max) {
        int limit = Math.min(text.length(), from + max + 1);
        int i = from;
        while (i < limit && isAsciiAlnum(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    static int digitValue(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    static boolean cueAt(String text, int at, String cue) {
        int end = at + cue.length();
        if (at < 0 || end > text.length() || !startsWord(text, at)) {
            return false;
        }
        for (int k = 0; k < cue.length(); k++) {
            if (lower(text.charAt(at + k)) != cue.charAt(k)) {
                return false;
            }
        }
        return !isLetter(cue.charAt(cue.length() - 1)) || end == text.length() || !isLetter(text.charAt(end));
    }

    static int nearestCueBefore(String text, int start, int window, List<String> cues) {
        int from = Math.max(0, start - window);
        int size = cues.size();
        long firstChars = 0; // bit (c mod 64) for each cue's first character c: a cheap filter, never a verdict
        for (int k = 0; k < size; k++) {
            firstChars |= 1L << cues.get(k).charAt(0);
        }
        // a cue ending after the text's end never matches, so positions past it need no look
        for (int at = Math.min(start, text.length()) - 1; at >= from; at--) {
            char lower = lower(text.charAt(at));
            // a cue starts a word: most positions are inside one
            if ((firstChars >>> lower & 1) == 0 || !startsWord(text, at)) {
                continue;
            }
            for (int k = 0; k < size; k++) {
                String cue = cues.get(k);
                if (cue.charAt(0) == lower && at + cue.length() <= start && cueAt(text, at, cue)) {
                    return at;
                }
            }
        }
        return -1;
    }

    static boolean otherLabelNearer(String text, int start, int window, List<String> own, List<String> others) {
        int other = nearestCueBefore(text, start, window, others);
        return other >= 0 && other > nearestCueBefore(text, start, window, own);
    }

    static boolean cueBefore(String text, int start, int window, List<String> cues) {
        return nearestCueBefore(text, start, window, cues) >= 0;
    }
}
