package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Phone and fax numbers. North American numbers in the usual shapes ({@code (555) 123-4567},
 * {@code 555-123-4567}, {@code 555.123.4567}, {@code 555 123 4567}, with an optional leading {@code 1} or
 * {@code +1}), international numbers written with a {@code +} and a country code, and ten bare digits as a weak
 * candidate. An extension ({@code x123}, {@code ext. 45}) is part of the span. The number is a fax number when the
 * nearest cue before it is a fax cue ("Fax:", "please fax ... to", or a signature's one-letter "F"); any cue raises
 * the score.
 *
 * <p>Dates ({@code 2024-01-15}), versions and codes do not have the 3-3-4 grouping, so they never match.
 */
public final class PhoneDetector implements Detector {

    static final double FORMATTED = 0.85;
    static final double SPACED = 0.75;
    static final double INTERNATIONAL = 0.85;
    static final double BARE = 0.4;
    static final double CUED = 0.95;
    static final double CUED_BARE = 0.85;
    /** North American area codes never start with 0 or 1; such a number is more likely something else. */
    static final double UNUSUAL_AREA_PENALTY = 0.15;

    /** Far enough for "please fax the signed release to +1 ...", near enough to belong to this number. */
    private static final int CUE_WINDOW = 32;
    private static final List<String> PHONE_CUES = List.of(
            "phone", "telephone", "tel", "ph", "cell", "mobile", "call", "called", "calling", "callback", "contact",
            "pager", "text", "txt", "direct", "office", "work", "home", "reach", "dial", "voicemail", "landline",
            "whatsapp", "best number");
    private static final List<String> FAX_CUES = List.of("fax", "facsimile", "fx");
    /** One-letter labels of a signature block ("T 555-...", "F: 555-..."): cues only right before the number. */
    private static final String PHONE_LETTERS = "tpmocdhw";
    private static final char FAX_LETTER = 'f';
    private static final List<String> EXTENSION_MARKERS = List.of("extension", "ext", "x");
    /** E.164 allows at most 15 digits including the country code. */
    private static final int MAX_DIGITS = 15;
    private static final int MAX_GROUPS = 16;

    private record Match(int end, double score, boolean bare) {}

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.PHONE, PiiType.FAX);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int length = text.length();
        int next = 0;
        // a number starts with a "+", a "(" or a run of digits: each a token of its own
        for (int token = 0; token < tokens.size(); token++) {
            int i = tokens.start(token);
            if (i < next || tokens.isWord(token)) {
                continue;
            }
            char c = text.charAt(i);
            Match match = null;
            if (c == '+') {
                if (i + 1 < length && TextScan.isDigit(text.charAt(i + 1)) && TextScan.startsWord(text, i)) {
                    match = international(text, i);
                }
            } else if (c == '(') {
                if (TextScan.startsWord(text, i)) {
                    match = northAmerican(text, i, false);
                }
            } else if (tokens.isNumber(token) && mayStartNanp(tokens.length(token))
                    && TextScan.numberStartsAt(text, i)) {
                match = northAmerican(text, i, true);
            }
            if (match == null) {
                continue;
            }
            int end = extensionEnd(text, match.end());
            if (end < 0) {
                if (!TextScan.numberEndsAt(text, match.end())) {
                    continue;
                }
                end = match.end();
            }
            report(text, i, end, match, out);
            next = end;
        }
    }

    private void report(String text, int start, int end, Match match, List<Finding> out) {
        char letter = letterLabelBefore(text, start);
        int fax = letter == FAX_LETTER ? start : TextScan.nearestCueBefore(text, start, CUE_WINDOW, FAX_CUES);
        int phone = PHONE_LETTERS.indexOf(letter) >= 0 ? start
                : TextScan.nearestCueBefore(text, start, CUE_WINDOW, PHONE_CUES);
        PiiType type = fax >= 0 && fax > phone ? PiiType.FAX : PiiType.PHONE;
        double score = match.score();
        if (fax >= 0 || phone >= 0) {
            score = match.bare() ? CUED_BARE : CUED;
        }
        out.add(new Finding(type, start, end, score, name()));
    }

    /**
     * The lower-cased one-letter word right before {@code start}, past spaces and one {@code :} or {@code .}
     * ("T: ", "F "), or 0.
     */
    static char letterLabelBefore(String text, int start) {
        int p = start;
        while (p > 0 && TextScan.isGroupSpace(text.charAt(p - 1)) && start - p < 3) {
            p--;
        }
        if (p > 0 && (text.charAt(p - 1) == ':' || text.charAt(p - 1) == '.')) {
            p--;
        }
        while (p > 0 && TextScan.isGroupSpace(text.charAt(p - 1)) && start - p < 5) {
            p--;
        }
        if (p == start || p == 0 || !TextScan.isAsciiLetter(text.charAt(p - 1)) || !TextScan.startsWord(text, p - 1)) {
            return 0;
        }
        return TextScan.lower(text.charAt(p - 1));
    }

    /** A NANP number starts with a trunk "1", a three-digit area code, or ten or eleven bare digits. */
    private static boolean mayStartNanp(int digits) {
        return digits == 1 || digits == 3 || digits == 10 || digits == 11;
    }

    /** A NANP number at {@code start}, with an optional trunk {@code 1} when {@code trunk} is allowed. */
    private static Match northAmerican(String text, int start, boolean trunk) {
        if (trunk && text.charAt(start) == '1' && start + 2 < text.length() && isSeparator(text.charAt(start + 1))
                && (TextScan.isDigit(text.charAt(start + 2)) || text.charAt(start + 2) == '(')) {
            Match match = nanpBody(text, start + 2, false);
            if (match != null) {
                return match;
            }
        }
        return nanpBody(text, start, true);
    }

    private static Match nanpBody(String text, int p, boolean bareAllowed) {
        int length = text.length();
        int area;
        int end;
        double score;
        if (text.charAt(p) == '(') {
            if (!TextScan.exactDigits(text, p + 1, 3) || p + 4 >= length || text.charAt(p + 4) != ')') {
                return null;
            }
            area = p + 1;
            int q = p + 5;
            if (q < length && (TextScan.isGroupSpace(text.charAt(q)) || text.charAt(q) == '-')) {
                q++;
            }
            if (!TextScan.exactDigits(text, q, 3) || q + 3 >= length || !isSeparator(text.charAt(q + 3))
                    || !TextScan.exactDigits(text, q + 4, 4)) {
                return null;
            }
            end = q + 8;
            score = FORMATTED;
        } else {
            int run = TextScan.digitsAt(text, p, 11);
            if (bareAllowed && (run == 10 || (run == 11 && text.charAt(p) == '1'))) {
                area = p + run - 10;
                char first = text.charAt(area);
                return first == '0' || first == '1' ? null : new Match(p + run, BARE, true);
            }
            if (run != 3 || p + 7 >= length) {
                return null;
            }
            char first = text.charAt(p + 3);
            if (!isSeparator(first) || !TextScan.exactDigits(text, p + 4, 3)) {
                return null;
            }
            char second = text.charAt(p + 7);
            if (!isSeparator(second) || !TextScan.exactDigits(text, p + 8, 4)) {
                return null;
            }
            area = p;
            end = p + 12;
            score = TextScan.isGroupSpace(first) && TextScan.isGroupSpace(second) ? SPACED : FORMATTED;
        }
        char first = text.charAt(area);
        if (first == '0' || first == '1') {
            score -= UNUSUAL_AREA_PENALTY;
        }
        return new Match(end, score, false);
    }

    /**
     * A {@code +} number: groups of digits separated by single spaces, dashes or dots, optionally one in
     * parentheses ({@code (555)}, or the trunk {@code (0)}, which does not count), 8 to 15 digits in all; for
     * countries with a fixed number length, exactly that.
     */
    private static Match international(String text, int plus) {
        int length = text.length();
        StringBuilder digits = new StringBuilder(MAX_DIGITS + 4);
        int[] ends = new int[MAX_GROUPS];
        int[] counts = new int[MAX_GROUPS];
        int groups = 0;
        int p = plus + 1;
        for (int steps = 0; steps < MAX_GROUPS && p < length; steps++) {
            if (text.charAt(p) == '(') {
                int size = TextScan.digitsAt(text, p + 1, 4);
                if (size < 1 || size > 4 || p + 1 + size >= length || text.charAt(p + 1 + size) != ')') {
                    break;
                }
                if (size != 1 || text.charAt(p + 1) != '0') {
                    digits.append(text, p + 1, p + 1 + size);
                }
                p += size + 2;
            } else {
                int size = TextScan.digitsAt(text, p, MAX_DIGITS);
                if (size == 0) {
                    break;
                }
                if (size > MAX_DIGITS) {
                    return null;
                }
                digits.append(text, p, p + size);
                p += size;
                ends[groups] = p;
                counts[groups++] = digits.length();
            }
            if (digits.length() > MAX_DIGITS || p >= length) {
                break;
            }
            char next = text.charAt(p);
            if (isSeparator(next) && p + 1 < length
                    && (TextScan.isDigit(text.charAt(p + 1)) || text.charAt(p + 1) == '(')) {
                p++;
            } else if (!(text.charAt(p - 1) == ')' && TextScan.isDigit(next))) {
                break;
            }
        }
        if (groups == 0) {
            return null;
        }
        int[] range = expectedDigits(digits);
        for (int g = groups - 1; g >= 0; g--) {
            int count = counts[g];
            if (count < range[0] || count > range[1]) {
                continue;
            }
            // a shorter prefix only where a space separates it from what follows
            if (g == groups - 1 || TextScan.isGroupSpace(text.charAt(ends[g]))) {
                return new Match(ends[g], INTERNATIONAL, false);
            }
        }
        return null;
    }

    /** The total digit count (country code included) a number with these leading digits has. */
    static int[] expectedDigits(CharSequence digits) {
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return new int[] {11, 11}; // NANP; Russia and Kazakhstan
        }
        if (digits.length() >= 2) {
            switch (digits.subSequence(0, 2).toString()) {
                case "27", "31", "33", "34", "41", "61" -> {
                    return new int[] {11, 11};
                }
                case "44" -> {
                    return new int[] {11, 12};
                }
                case "52", "91" -> {
                    return new int[] {12, 12};
                }
                case "86" -> {
                    return new int[] {12, 13};
                }
                case "65" -> {
                    return new int[] {10, 10};
                }
                default -> {
                    // variable-length numbering plans (Germany, Italy, Austria, ...)
                }
            }
        }
        return new int[] {8, MAX_DIGITS};
    }

    /** The end of an extension right after a number ending at {@code end}, or -1. */
    private static int extensionEnd(String text, int end) {
        int length = text.length();
        int q = end;
        if (q < length && text.charAt(q) == ',') {
            q++;
        }
        for (int spaces = 0; spaces < 2 && q < length && TextScan.isGroupSpace(text.charAt(q)); spaces++) {
            q++;
        }
        int marker = 0;
        for (String candidate : EXTENSION_MARKERS) {
            if (TextScan.matchesIgnoreCase(text, q, candidate)) {
                marker = candidate.length();
                break;
            }
        }
        if (marker == 0 || (q + marker < length && TextScan.isLetter(text.charAt(q + marker)))) {
            return -1;
        }
        q += marker;
        if (q < length && (text.charAt(q) == '.' || text.charAt(q) == ':' || text.charAt(q) == '#')) {
            q++;
        }
        for (int spaces = 0; spaces < 2 && q < length && TextScan.isGroupSpace(text.charAt(q)); spaces++) {
            q++;
        }
        int size = TextScan.digitsAt(text, q, 6);
        if (size < 1 || size > 6 || !TextScan.numberEndsAt(text, q + size)) {
            return -1;
        }
        return q + size;
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '.' || TextScan.isGroupSpace(c);
    }
}
