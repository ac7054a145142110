package dev.parley.pii.detect;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
 *
 * <p>The format detectors share the same tokenization as a pre-pass: its number tokens are exactly the text's
 * maximal runs of ASCII digits, its marks the places of {@code +} and {@code (}, and {@link #asciiWordStarts()}
 * where labels and URLs can start, so they look only where a candidate can start instead of each walking every
 * character.
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
    /** Lower-case forms and stems of tokens, filled in on first use. */
    private String[] lowers;
    private String[] stems;
    /** The indices of the number tokens, in text order. */
    private int[] numbers;
    /** The positions of {@link #asciiWordStarts()}. */
    private int[] asciiWordStarts;
    /** Per-token flags computed on demand by {@link NameLexicon}; 0 means not yet computed. */
    private byte[] nameFlags;
    /** The same flags by word, so a word repeated through the text is looked up in the lexicons once. */
    private Map<String, Byte> wordNameFlags;
    /** Lower-case forms made so far, an open-addressing table, so repeated words share one string. */
    private String[] interned;
    private int internedCount;

    /**
     * Past this many distinct words, new lower-case forms are made but no longer kept in {@link #interned}, nor
     * their name flags in {@link #wordNameFlags}.
     */
    private static final int MAX_INTERNED = 1 << 16;

    /**
     * The last tokenization made on each thread, so the narrative detectors run one after another on the same text
     * (as {@code PiiDetector} runs them) split it once. Keyed by the text's identity; confined to its thread, so the
     * lazily filled caches above need no synchronization. Each thread keeps its last text reachable until it
     * splits another.
     */
    private static final ThreadLocal<ProseTokens> LAST = new ThreadLocal<>();

    private ProseTokens(String text) {
        this.text = text;
        // prose has a token every three to four characters: arrays this size rarely have to grow
        int capacity = Math.max(8, text.length() / 3 + 1);
        starts = new int[capacity];
        ends = new int[capacity];
        kinds = new byte[capacity];
        lineBreaks = new boolean[capacity];
    }

    static ProseTokens of(String text) {
        ProseTokens last = LAST.get();
        if (last != null && last.text == text) {
            return last;
        }
        ProseTokens tokens = new ProseTokens(text);
        tokens.split();
        LAST.set(tokens);
        return tokens;
    }

    /** Drops this thread's cached tokens, and with them the last text: scanned text must not outlive its scan. */
    static void forget() {
        LAST.remove();
    }

    /** A fresh tokenization, not shared through the per-thread cache (for lexicon phrases). */
    static ProseTokens uncached(String text) {
        ProseTokens tokens = new ProseTokens(text);
        tokens.split();
        return tokens;
    }

    private void split() {
        int length = text.length();
        int[] numberList = new int[Math.max(8, starts.length / 8)];
        int numberCount = 0;
        int[] wordStartList = new int[Math.max(8, starts.length / 4)];
        int wordStartCount = 0;
        int i = 0;
        boolean lineBreak = false;
        while (i < length) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                lineBreak |= c == '\n' || c == '\r';
                i++;
                continue;
            }
            int end;
            byte kind;
            if (isLetter(c)) {
                if (TextScan.isAsciiLetter(c) && TextScan.startsWord(text, i)) {
                    wordStartList = append(wordStartList, wordStartCount++, i);
                }
                end = i + 1;
                while (end < length) {
                    char next = text.charAt(end);
                    if (isLetter(next)) {
                        end++;
                    } else if (isInnerJoiner(next) && end + 1 < length && isLetter(text.charAt(end + 1))) {
                        // no letter, digit or underscore before it: a word as TextScan sees words starts here too
                        if (TextScan.isAsciiLetter(text.charAt(end + 1))) {
                            wordStartList = append(wordStartList, wordStartCount++, end + 1);
                        }
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
                numberList = append(numberList, numberCount++, size);
            } else {
                end = i + 1;
                kind = MARK;
            }
            add(i, end, kind, lineBreak);
            lineBreak = false;
            i = end;
        }
        numbers = Arrays.copyOf(numberList, numberCount);
        asciiWordStarts = Arrays.copyOf(wordStartList, wordStartCount);
    }

    /** {@code array} with {@code value} at {@code index}, grown when full. */
    private static int[] append(int[] array, int index, int value) {
        int[] target = index < array.length ? array : Arrays.copyOf(array, array.length * 2);
        target[index] = value;
        return target;
    }

    /** {@link Character#isWhitespace} or a no-break space, with ASCII answered without a table lookup. */
    private static boolean isSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F';
        }
        return c == '\u00A0' || Character.isWhitespace(c);
    }

    /** {@link Character#isLetter}, with ASCII answered without a table lookup. */
    private static boolean isLetter(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }
        return Character.isLetter(c);
    }

    /** {@link Character#isUpperCase}, with ASCII answered without a table lookup. */
    private static boolean isUpper(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z';
        }
        return Character.isUpperCase(c);
    }

    /** {@link Character#isLowerCase}, with ASCII answered without a table lookup. */
    private static boolean isLower(char c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z';
        }
        return Character.isLowerCase(c);
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

    /**
     * The positions where an ASCII letter starts a word as {@link TextScan} sees words (no letter, digit or
     * underscore before it), in text order.
     */
    int[] asciiWordStarts() {
        return asciiWordStarts;
    }

    /** The indices of the number tokens (the text's maximal runs of ASCII digits), in text order. */
    int[] numbers() {
        return numbers;
    }

    String lower(int i) {
        if (!exists(i)) {
            return "";
        }
        String[] cache = lowers;
        if (cache == null) {
            cache = lowers = new String[size];
        }
        String lower = cache[i];
        if (lower == null) {
            lower = cache[i] = computeLower(i);
        }
        return lower;
    }

    /**
     * The lower-case form of token {@code i}. An ASCII token is looked up, by a hash of its lower-cased characters
     * computed in place, in a table of the forms made so far, so a word repeated through the text gets one shared
     * string (with its hash code already computed) instead of a new one each time.
     */
    private String computeLower(int i) {
        int start = starts[i];
        int end = ends[i];
        int hash = 0;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            if (c >= 0x80) {
                return text.substring(start, end).toLowerCase(Locale.ROOT);
            }
            hash = 31 * hash + lowerAscii(c);
        }
        String[] table = interned;
        if (table == null) {
            table = interned = new String[256];
        }
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        for (String candidate; (candidate = table[slot]) != null; slot = (slot + 1) & mask) {
            if (sameLowerAscii(candidate, start, end)) {
                return candidate;
            }
        }
        String lower = lowerAscii(start, end);
        if (internedCount < MAX_INTERNED) {
            table[slot] = lower;
            internedCount++;
            if (internedCount * 2 > table.length) {
                growInterned();
            }
        }
        return lower;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private boolean sameLowerAscii(String candidate, int start, int end) {
        if (candidate.length() != end - start) {
            return false;
        }
        for (int k = start; k < end; k++) {
            if (candidate.charAt(k - start) != lowerAscii(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private String lowerAscii(int start, int end) {
        byte[] bytes = new byte[end - start];
        for (int k = start; k < end; k++) {
            bytes[k - start] = (byte) lowerAscii(text.charAt(k));
        }
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void growInterned() {
        String[] old = interned;
        String[] table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String entry : old) {
            if (entry != null) {
                int slot = spread(entry.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = entry;
            }
        }
        interned = table;
    }

    /** The name-lexicon flags cached for token {@code i}, 0 when not yet computed. */
    byte nameFlags(int i) {
        return nameFlags == null ? 0 : nameFlags[i];
    }

    void setNameFlags(int i, byte flags) {
        if (nameFlags == null) {
            nameFlags = new byte[size];
        }
        nameFlags[i] = flags;
    }

    /** The name-lexicon flags cached for {@code word}, 0 when not yet computed. */
    byte nameFlags(String word) {
        Byte flags = wordNameFlags == null ? null : wordNameFlags.get(word);
        return flags == null ? 0 : flags;
    }

    void setNameFlags(String word, byte flags) {
        if (wordNameFlags == null) {
            wordNameFlags = new HashMap<>();
        }
        if (wordNameFlags.size() < MAX_INTERNED) {
            wordNameFlags.put(word, flags);
        }
    }

    /** Token {@code i} equals {@code lowercase}, ignoring case. */
    boolean is(int i, String lowercase) {
        return exists(i) && ends[i] - starts[i] == lowercase.length()
                && text.regionMatches(true, starts[i], lowercase, 0, lowercase.length());
    }

    /** A word whose first letter is upper case. */
    boolean isCapitalized(int i) {
        return isWord(i) && isUpper(text.charAt(starts[i]));
    }

    /** A capitalized word with at least one lower-case letter: {@code Smith}, {@code McDonald}, not {@code SMITH}. */
    boolean isTitleCase(int i) {
        if (!isCapitalized(i)) {
            return false;
        }
        for (int k = starts[i] + 1; k < ends[i]; k++) {
            if (isLower(text.charAt(k))) {
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
            if (isLower(text.charAt(k))) {
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
            if (isUpper(text.charAt(k))) {
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
        int value = 0;
        for (int k = starts[i]; k < ends[i]; k++) {
            value = value * 10 + (text.charAt(k) - '0');
        }
        return value;
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
        if (!exists(i)) {
            return "";
        }
        if (!isPossessive(i)) {
            return lower(i);
        }
        String[] cache = stems;
        if (cache == null) {
            cache = stems = new String[size];
        }
        String stem = cache[i];
        if (stem == null) {
            String lower = lower(i);
            stem = cache[i] = lower.substring(0, lower.length() - 2);
        }
        return stem;
    }

    /** Where token {@code i} ends, leaving out a possessive {@code 's}. */
    int endWithoutPossessive(int i) {
        return isPossessive(i) ? ends[i] - 2 : ends[i];
    }
}
