package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * US street addresses and post office boxes.
 *
 * <p>A street line is a house number (1-6 digits, optionally a letter: {@code 221B}), an optional direction
 * ({@code N}, {@code SW}), one to five street-name words (capitalized, or ordinals such as {@code 5th}) and a USPS
 * suffix ({@code Street}, {@code Ave}, {@code Blvd}, {@code Hwy}...), then an optional trailing direction and an
 * optional unit ({@code Apt 4B}, {@code Suite 200}, {@code #12}). With a suffix that names nothing but a street it
 * scores {@link #STREET}; with one that is also a landmark ({@code Park}, {@code Hill}) {@link #LANDMARK_STREET}. A
 * following {@code , City, ST 12345(-6789)} (or a state name, a comma before the ZIP, the city on the next line)
 * belongs to the same finding, ZIP included, and raises it to {@link #FULL}. {@code PO Box 123} scores
 * {@link #PO_BOX}, or {@link #FULL} with a city and state.
 *
 * <p>Street words in lower case ("i live at 12 oak street") count only after an address cue ("live at",
 * "address"), since chat is often typed in lower case but "walked 3 blocks down the street" is not an address.
 */
public final class AddressDetector implements Detector {

    static final double STREET = 0.9;
    static final double LANDMARK_STREET = 0.8;
    static final double PO_BOX = 0.9;
    static final double FULL = 0.95;

    private static final int MAX_STREET_WORDS = 5;
    private static final int MAX_CITY_WORDS = 4;
    /** How far before a house number an address cue may sit: "my home address is 12 ...". */
    private static final int CUE_WINDOW = 4;

    private static final Set<String> ADDRESS_CUES = Set.of(
            "live", "lives", "living", "lived", "reside", "resides", "residing", "located", "address", "addr",
            "stay", "stays", "staying", "moved", "mail", "ship", "deliver");
    private static final WordShapes ADDRESS_CUE_SHAPES = new WordShapes(ADDRESS_CUES);
    /** Words that never belong to a lower-case street name. */
    private static final Set<String> LOWER_CASE_STOPS = Set.of(
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "from", "by", "is", "was",
            "my", "her", "his", "their", "our", "your", "it", "that", "this", "then", "but", "near", "off", "down",
            "up", "apt", "suite", "unit");
    /** Before a four-digit number these make it a year: "in 2019 Main Street was closed". */
    private static final Set<String> YEAR_CUES = Set.of(
            "in", "since", "by", "until", "from", "during", "of", "before", "after", "year");
    private static final Set<String> ORDINAL_ENDINGS = Set.of("st", "nd", "rd", "th");

    @Override
    public String name() {
        return "address";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.ADDRESS);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int i = 0;
        while (i < tokens.size()) {
            int next = matchAt(tokens, i, out);
            i = Math.max(next, i + 1);
        }
    }

    private int matchAt(ProseTokens tokens, int i, List<Finding> out) {
        int box = poBoxEnd(tokens, i);
        if (box > 0) {
            return emit(tokens, i, box, PO_BOX, out);
        }
        if (!isHouseNumber(tokens, i)) {
            return i + 1;
        }
        boolean cued = cueBefore(tokens, i);
        int p = i + 1;
        if (tokens.isWord(p) && tokens.touchesPrevious(p) && tokens.length(p) == 1 && tokens.isUpperCase(p)) {
            p++;
        }
        if (StreetVocabulary.isDirection(tokens, p) && !tokens.touchesPrevious(p)) {
            p += tokens.isMark(p + 1, '.') && tokens.touchesPrevious(p + 1) ? 2 : 1;
        }
        int suffix = suffixIndex(tokens, p, cued);
        if (suffix < 0) {
            return i + 1;
        }
        String suffixWord = tokens.lower(suffix);
        double score = StreetVocabulary.isStrongSuffix(suffixWord) ? STREET : LANDMARK_STREET;
        int end = suffix + 1;
        if (StreetVocabulary.isAbbreviation(suffixWord) && tokens.isMark(end, '.') && tokens.touchesPrevious(end)) {
            end++;
        }
        if (StreetVocabulary.takesRouteNumber(suffixWord) && tokens.isNumber(end) && tokens.digits(end) <= 4
                && !tokens.touchesPrevious(end)) {
            end++;
        }
        if (StreetVocabulary.isDirection(tokens, end) && !tokens.touchesPrevious(end)
                && UsPlaces.zipAfterStateEnd(tokens, end + 1) < 0) {
            end += tokens.isMark(end + 1, '.') && tokens.touchesPrevious(end + 1) ? 2 : 1;
        }
        int unit = unitEnd(tokens, tokens.isMark(end, ',') ? end + 1 : end);
        if (unit > 0) {
            end = unit;
        }
        return emit(tokens, i, end, score, out);
    }

    /** Adds the finding for tokens {@code [first, end)}, extended by a city, state and ZIP when one follows. */
    private int emit(ProseTokens tokens, int first, int end, double score, List<Finding> out) {
        int full = cityStateZipEnd(tokens, end);
        if (full > 0) {
            end = full;
            score = FULL;
        }
        out.add(new Finding(PiiType.ADDRESS, tokens.start(first), tokens.end(end - 1), score, name()));
        return end;
    }

    /** A house number: 1-6 digits standing alone, not a year after "in", not a unit number after "Suite". */
    private static boolean isHouseNumber(ProseTokens tokens, int i) {
        int digits = tokens.digits(i);
        if (digits == 0 || digits > 6) {
            return false;
        }
        if (tokens.touchesPrevious(i) && !tokens.isMarkIn(i - 1, "(\"'\u201C[")) {
            return false;
        }
        if (digits == 4 && tokens.isWord(i - 1) && YEAR_CUES.contains(tokens.lower(i - 1))) {
            int year = tokens.intValue(i);
            if (year >= 1900 && year <= 2099) {
                return false;
            }
        }
        return !tokens.isMark(i - 1, '#') && !(tokens.isWord(i - 1)
                && StreetVocabulary.isUnitDesignator(tokens.lower(i - 1)));
    }

    private static boolean cueBefore(ProseTokens tokens, int i) {
        for (int k = i - 1; k >= 0 && i - k <= CUE_WINDOW; k--) {
            if (tokens.isWord(k) && ADDRESS_CUE_SHAPES.mayMatch(tokens, k) && ADDRESS_CUES.contains(tokens.lower(k))) {
                return true;
            }
            if (tokens.lineBreakBefore(k)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The token of the street suffix, reading at most {@link #MAX_STREET_WORDS} name words from {@code p}: the
     * first strong suffix after at least one name word ("Court St" is Court Street), else the first landmark one
     * ("Oak Hill"). A route suffix may come first when a number follows ("Highway 101"). -1 when none.
     */
    private static int suffixIndex(ProseTokens tokens, int p, boolean cued) {
        int landmark = -1;
        int q = p;
        int words = 0;
        while (words <= MAX_STREET_WORDS && tokens.exists(q)) {
            if (q > p && tokens.lineBreakBefore(q)) {
                break;
            }
            if (isOrdinal(tokens, q)) {
                q += 2;
                words++;
                continue;
            }
            if (!tokens.isWord(q)) {
                break;
            }
            String word = tokens.lower(q);
            boolean shaped = tokens.isCapitalized(q)
                    || cued && tokens.isLowerCase(q) && !LOWER_CASE_STOPS.contains(word);
            if (!shaped || words > 0 && StreetVocabulary.isUnitDesignator(word)) {
                break;
            }
            boolean routeFirst = words == 0 && StreetVocabulary.takesRouteNumber(word) && tokens.isNumber(q + 1);
            if (words > 0 || routeFirst) {
                if (StreetVocabulary.isStrongSuffix(word)) {
                    return q;
                }
                if (landmark < 0 && StreetVocabulary.isLandmarkSuffix(word)) {
                    landmark = q;
                }
            }
            words++;
            q++;
            // "St. Charles Ave", "Mt. Vernon Rd": a short word's period inside the name
            if (tokens.isMark(q, '.') && tokens.touchesPrevious(q) && tokens.length(q - 1) <= 3 && tokens.isWord(q + 1)
                    && !tokens.lineBreakBefore(q + 1)) {
                q++;
            }
        }
        return landmark;
    }

    /** 5th, 21st, 42nd, 3rd. */
    private static boolean isOrdinal(ProseTokens tokens, int q) {
        return tokens.isNumber(q) && tokens.digits(q) <= 3 && tokens.isWord(q + 1) && tokens.touchesPrevious(q + 1)
                && ORDINAL_ENDINGS.contains(tokens.lower(q + 1));
    }

    /** A secondary unit at {@code u}: "Apt 4B", "Suite 200", "Unit 3", "Apt. #12", "#12". The index after it, or -1. */
    private static int unitEnd(ProseTokens tokens, int u) {
        if (tokens.lineBreakBefore(u)) {
            return -1;
        }
        if (tokens.isMark(u, '#')) {
            return unitIdEnd(tokens, u + 1);
        }
        if (!tokens.isWord(u) || !StreetVocabulary.isUnitDesignator(tokens.lower(u))) {
            return -1;
        }
        int v = u + 1;
        if (tokens.isMark(v, '.') && tokens.touchesPrevious(v)) {
            v++;
        }
        if (tokens.isMark(v, '#')) {
            v++;
        }
        return unitIdEnd(tokens, v);
    }

    /** A unit's number or letter: 4B, 200, B, 12-C, B12. At most three touching tokens of at most 8 characters. */
    private static int unitIdEnd(ProseTokens tokens, int v) {
        if (tokens.lineBreakBefore(v) || !(tokens.isNumber(v) || isUnitLetters(tokens, v))) {
            return -1;
        }
        int end = v + 1;
        while (end - v < 3 && tokens.touchesPrevious(end)
                && (tokens.isNumber(end) || isUnitLetters(tokens, end)
                || tokens.isMark(end, '-') && (tokens.isNumber(end + 1) || isUnitLetters(tokens, end + 1))
                        && tokens.touchesPrevious(end + 1))) {
            end += tokens.isMark(end, '-') ? 2 : 1;
        }
        if (tokens.end(end - 1) - tokens.start(v) > 8) {
            return -1;
        }
        return end;
    }

    private static boolean isUnitLetters(ProseTokens tokens, int k) {
        return tokens.isWord(k) && (tokens.length(k) == 1 || tokens.length(k) <= 3 && tokens.isUpperCase(k));
    }

    /** "PO Box 123", "P.O. Box 123", "Post Office Box #123". The index after the number, or -1. */
    private static int poBoxEnd(ProseTokens tokens, int i) {
        if (!tokens.isWord(i) || TextScan.lower(tokens.text().charAt(tokens.start(i))) != 'p') {
            return -1; // no other character equals "p" ignoring case
        }
        int j;
        if (tokens.is(i, "po")) {
            j = tokens.isMark(i + 1, '.') ? i + 2 : i + 1;
        } else if (tokens.is(i, "p") && tokens.isMark(i + 1, '.') && tokens.is(i + 2, "o")) {
            j = tokens.isMark(i + 3, '.') ? i + 4 : i + 3;
        } else if (tokens.is(i, "post") && tokens.is(i + 1, "office")) {
            j = i + 2;
        } else {
            return -1;
        }
        if (!tokens.is(j, "box")) {
            return -1;
        }
        j++;
        if (tokens.isMark(j, '#')) {
            j++;
        }
        int digits = tokens.digits(j);
        if (digits == 0 || digits > 10 || tokens.isWord(j + 1) && tokens.touchesPrevious(j + 1)) {
            return -1;
        }
        return j + 1;
    }

    /**
     * The index after ", City, ST 12345" at {@code c}, or -1. The city may be missing ("..., IL 62701"), the state
     * written out ("Springfield, Illinois"), the ZIP absent, the commas replaced by a line break. A ZIP is needed
     * when no comma or line break comes before the city, and when a state name comes with no city ("..., Georgia
     * said", where Georgia may be a person). Tries each city length up to {@link #MAX_CITY_WORDS} and keeps
     * the longest reading ("Washington, DC 20500", not the state Washington).
     */
    private static int cityStateZipEnd(ProseTokens tokens, int c) {
        boolean separated = tokens.lineBreakBefore(c);
        if (tokens.isMark(c, ',')) {
            c++;
            separated = true;
        }
        int best = -1;
        int s = c;
        for (int words = 0; words <= MAX_CITY_WORDS; words++) {
            if (words > 0) {
                if (!tokens.isCapitalized(s) || s > c && tokens.lineBreakBefore(s)
                        || StreetVocabulary.isUnitDesignator(tokens.lower(s))) {
                    break;
                }
                s++;
                if (tokens.isMark(s, '.') && tokens.touchesPrevious(s) && tokens.length(s - 1) <= 3) {
                    s++;
                }
            }
            int state = tokens.isMark(s, ',') ? s + 1 : s;
            int stateEnd = UsPlaces.stateEnd(tokens, state);
            if (stateEnd < 0) {
                continue;
            }
            int zip = UsPlaces.zipAfterStateEnd(tokens, stateEnd);
            if (zip < 0 && (!separated || words == 0 && !UsPlaces.isStateAbbreviation(tokens, state))) {
                continue;
            }
            best = Math.max(best, zip > 0 ? zip : stateEnd);
        }
        return best;
    }
}
