package dev.parley.pii.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * US states (names and USPS abbreviations), large cities and ZIP codes, as token matchers for the address and
 * location detectors. Each matcher returns the index just past what it matched, or -1.
 */
final class UsPlaces {

    private static final Lexicon STATE_NAMES;
    private static final Set<String> STATE_ABBREVIATIONS;
    private static final Lexicon CITIES = Lexicon.load("cities.txt");

    /** State abbreviations that are also credentials after a name: "Smith, MD", "Jones, PA", "Lee, DC". */
    private static final Set<String> CREDENTIAL_LIKE = Set.of("MD", "PA", "MA", "DC", "ND");

    static {
        List<String> names = new ArrayList<>();
        Set<String> abbreviations = new HashSet<>();
        for (String line : Lexicon.lines("us-states.txt")) {
            int bar = line.indexOf('|');
            names.add(line.substring(0, bar).strip());
            abbreviations.add(line.substring(bar + 1).strip());
        }
        STATE_NAMES = Lexicon.of(names);
        STATE_ABBREVIATIONS = Set.copyOf(abbreviations);
    }

    private UsPlaces() {}

    /** A two-letter USPS state abbreviation in capitals ("IL", not "Il" or "il": "in", "or", "me" are words). */
    static boolean isStateAbbreviation(ProseTokens tokens, int i) {
        return tokens.isWord(i) && tokens.length(i) == 2 && tokens.isUpperCase(i)
                && STATE_ABBREVIATIONS.contains(tokens.text(i));
    }

    /** A state abbreviation that also reads as a credential after a surname. */
    static boolean isCredentialLike(ProseTokens tokens, int i) {
        return tokens.isWord(i) && CREDENTIAL_LIKE.contains(tokens.text(i));
    }

    /** A state, by capitalized name ("New York", "District of Columbia") or by abbreviation. */
    static int stateEnd(ProseTokens tokens, int i) {
        if (isStateAbbreviation(tokens, i)) {
            return i + 1;
        }
        int length = STATE_NAMES.longestMatch(tokens, i);
        if (length > 0 && capitalizedPhrase(tokens, i, length)) {
            return i + length;
        }
        return -1;
    }

    /** One of the listed cities, each of its words capitalized. */
    static int cityEnd(ProseTokens tokens, int i) {
        int length = CITIES.longestMatch(tokens, i);
        if (length > 0 && capitalizedPhrase(tokens, i, length)) {
            return i + length;
        }
        return -1;
    }

    /** A ZIP code: five digits, optionally a hyphen and four more, not glued to other digits or letters. */
    static int zipEnd(ProseTokens tokens, int i) {
        if (tokens.digits(i) != 5 || tokens.touchesPrevious(i) && !tokens.isMark(i - 1)) {
            return -1;
        }
        int end = i + 1;
        if (tokens.isMark(end, '-') && tokens.touchesPrevious(end) && tokens.digits(end + 1) == 4
                && tokens.touchesPrevious(end + 1)) {
            end += 2;
        }
        if (tokens.touchesPrevious(end) && (tokens.isWord(end) || tokens.isNumber(end)
                || tokens.isMarkIn(end, "-/") && tokens.isNumber(end + 1))) {
            return -1;
        }
        return end;
    }

    /** A ZIP right after a state, with or without a comma between: "IL 62701", "NC, 28229-7663". */
    static int zipAfterStateEnd(ProseTokens tokens, int stateEnd) {
        if (tokens.lineBreakBefore(stateEnd)) {
            return -1;
        }
        int zip = tokens.isMark(stateEnd, ',') ? stateEnd + 1 : stateEnd;
        return tokens.lineBreakBefore(zip) ? -1 : zipEnd(tokens, zip);
    }

    /** Every word of the phrase is capitalized, except short joining words ("of"). */
    private static boolean capitalizedPhrase(ProseTokens tokens, int i, int length) {
        for (int k = i; k < i + length; k++) {
            if (tokens.isWord(k) && !tokens.isCapitalized(k) && !tokens.is(k, "of")) {
                return false;
            }
        }
        return true;
    }
}
