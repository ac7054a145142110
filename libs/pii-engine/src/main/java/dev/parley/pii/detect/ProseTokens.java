package dev.parley.pii.detect;

import java.util.Arrays;
import java.util.Locale;

/**
 * A text split in one pass into words, numbers and single marks, with each token's UTF-16 span. The narrative
 * detectors match short token patterns with bounded look-ahead on this instead of running regular expressions over
 * the text, so each of them is linear in the text's length whatever the input.
 *
 * <p>A word is a run of letters; an apostrophe or hyphen between two letters stays inside it ({@code O'Brien},
 * {@code Parkinson's}, {@code year-old}, {@code Winston-Salem}). A number is a run of ASCII digits. Letters and
 * digits never share a token ({@code 5th} is {@code 5} then {@code th}), so patterns ask whether two tokens touch.
 * Every other non-space character is a one-character mark. Index arguments out of range are answered with
 * {@code false} or {@code -1}, so callers can look ahead without bounds checks.
 */
final class ProseTokens {

    private static final byte WORD = 1;
    private static final byte NUMBER = 2;
    private static final byte MARK = 3;

    private final String text;
    private int size;
    private int[] starts;
    private int[] ends;
    private byte[] kinds;
    private boolean[] lineBreaks;

    private ProseTokens(String text) {
        this.text = text;
        int capacity = Math.max(8, Math.min(text.length() / 2 + 1, 1 << 16));
        starts = new int[capacity];
        ends = new int[capacity];
        kinds = new byte[capacity];
        lineBreaks = new boolean[capacity];
    }

    static ProseTokens of(String text) {
        ProseTokens tokens = new ProseTokens(text);
        tokens.split();
        return tokens;
    }

    private void split() {
        int length = text.length();
        int i = 0;
        boolean lineBreak = false;
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                lineBreak |= c == '\n' || c == '\r';
                i++;
                continue;
            }
            int end;
            byte kind;
            if (Character.isLetter(c)) {
                end = i + 1;
                while (end < length) {
                    char next = text.charAt(end);
                    if (Character.isLetter(next)) {
                        end++;
                    } else if (isInnerJoiner(next) && end + 1 < length && Character.isLetter(text.charAt(end + 1))) {
                        end += 2;
                    } else {
                        break;
                    }
                }
                kind = WORD;
            } else if (isDigit(c)) {
                end = i + 1;
                while (end < length && isDigit(text.charAt(end))) {
                    end++;
                }
                kind = NUMBER;
            } else {
                end = i + 1;
                kind = MARK;
            }
            add(i, end, kind, lineBreak);
            lineBreak = false;
            i = end;
        }
    }

    private static boolean isInnerJoiner(char c) {
        return c == '\'' || c == '\u2019' || c == '-';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void add(int start, int end, byte kind, boolean lineBreak) {
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            lineBreaks = Arrays.copyOf(lineBreaks, capacity);
        }
        starts[size] = start;
        ends[size] = end;
        kinds[size] = kind;
        lineBreaks[size] = lineBreak;
        size++;
    }

    String text() {
        return text;
    }

    int size() {
        return size;
    }

    boolean exists(int i) {
        return i >= 0 && i < size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    boolean isWord(int i) {
        return exists(i) && kinds[i] == WORD;
    }

    boolean isNumber(int i) {
        return exists(i) && kinds[i] == NUMBER;
    }

    boolean isMark(int i) {
        return exists(i) && kinds[i] == MARK;
    }

    /** Token {@code i} is the single character {@code c}. */
    boolean isMark(int i, char c) {
        return isMark(i) && text.charAt(starts[i]) == c;
    }

    /** Token {@code i} is one of the characters in {@code chars}. */
    boolean isMarkIn(int i, String chars) {
        return isMark(i) && chars.indexOf(text.charAt(starts[i])) >= 0;
    }

    /** Token {@code i} starts right where token {@code i - 1} ends, with no space between. */
    boolean touchesPrevious(int i) {
        return exists(i) && i > 0 && starts[i] == ends[i - 1];
    }

    /** A line break separates token {@code i} from the token before it. */
    boolean lineBreakBefore(int i) {
        return exists(i) && lineBreaks[i];
    }

    String text(int i) {
        return text.substring(starts[i], ends[i]);
    }

    String lower(int i) {
        return exists(i) ? text(i).toLowerCase(Locale.ROOT) : "";
    }

    /** Token {@code i} equals {@code lowercase}, ignoring case. */
    boolean is(int i, String lowercase) {
        return exists(i) && ends[i] - starts[i] == lowercase.length()
                && text.regionMatches(true, starts[i], lowercase, 0, lowercase.length());
    }

    /** A word whose first letter is upper case. */
    boolean isCapitalized(int i) {
        return isWord(i) && Character.isUpperCase(text.charAt(starts[i]));
    }

    /** A capitalized word with at least one lower-case letter: {@code Smith}, {@code McDonald}, not {@code SMITH}. */
    boolean isTitleCase(int i) {
        if (!isCapitalized(i)) {
            return false;
        }
        for (int k = starts[i] + 1; k < ends[i]; k++) {
            if (Character.isLowerCase(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** A word with no lower-case letter: {@code SMITH}, {@code IL}, {@code Q}. */
    boolean isUpperCase(int i) {
        if (!isWord(i)) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (Character.isLowerCase(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** A word with no upper-case letter. */
    boolean isLowerCase(int i) {
        if (!isWord(i)) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (Character.isUpperCase(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The value of a number token of at most nine digits, else -1. */
    int intValue(int i) {
        if (!isNumber(i) || length(i) > 9) {
            return -1;
        }
        return Integer.parseInt(text, starts[i], ends[i], 10);
    }

    /** The number of digits of a number token, else 0. */
    int digits(int i) {
        return isNumber(i) ? length(i) : 0;
    }

    /**
     * Token {@code i} begins a sentence or a line: the first token, the first after a line break, or the first after
     * a full stop, question or exclamation mark, colon, bullet, dash or opening quote or bracket.
     */
    boolean startsSentence(int i) {
        return i == 0 || lineBreakBefore(i) || isMarkIn(i - 1, ".!?:;\"\u201C([*\u2022->");
    }

    /** Token {@code i} ends with a possessive {@code 's} ({@code Parkinson's}). */
    boolean isPossessive(int i) {
        if (!isWord(i) || length(i) < 3) {
            return false;
        }
        int end = ends[i];
        char apostrophe = text.charAt(end - 2);
        char s = text.charAt(end - 1);
        return (apostrophe == '\'' || apostrophe == '\u2019') && (s == 's' || s == 'S');
    }

    /** The word without a possessive {@code 's}, in lower case. */
    String stem(int i) {
        String lower = lower(i);
        return isPossessive(i) ? lower.substring(0, lower.length() - 2) : lower;
    }

    /** Where token {@code i} ends, leaving out a possessive {@code 's}. */
    int endWithoutPossessive(int i) {
        return isPossessive(i) ? ends[i] - 2 : ends[i];
    }
}
