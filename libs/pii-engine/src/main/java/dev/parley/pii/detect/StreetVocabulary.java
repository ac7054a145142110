package dev.parley.pii.detect;

import java.util.HashSet;
import java.util.Set;

/**
 * The words of a US street line: USPS thoroughfare suffixes and their abbreviations, directions, and secondary unit
 * designators. Suffixes come in two strengths: {@code Street} or {@code Blvd} end a street name almost surely,
 * while {@code Park} or {@code Hill} are also the names of landmarks.
 */
final class StreetVocabulary {

    private static final Set<String> STRONG = new HashSet<>();
    private static final Set<String> LANDMARK = new HashSet<>();
    private static final Set<String> ABBREVIATIONS = new HashSet<>();

    /** Suffixes a route number may follow: "Highway 101", "Route 9". */
    private static final Set<String> NUMBERED = Set.of("highway", "hwy", "hiwy", "hway", "route", "rte", "interstate");

    private static final Set<String> DIRECTIONS = Set.of("N", "S", "E", "W", "NE", "NW", "SE", "SW");

    private static final Set<String> UNIT_DESIGNATORS = Set.of(
            "apt", "apartment", "suite", "ste", "unit", "rm", "room", "fl", "floor", "bldg", "building", "lot",
            "spc", "space", "trlr", "dept");

    static {
        load("street-suffixes.txt", STRONG);
        load("street-suffixes-landmark.txt", LANDMARK);
    }

    private static void load(String resource, Set<String> into) {
        for (String line : Lexicon.lines(resource)) {
            String[] forms = line.split("\\s+");
            for (int k = 0; k < forms.length; k++) {
                into.add(forms[k]);
                if (k > 0) {
                    ABBREVIATIONS.add(forms[k]);
                }
            }
        }
    }

    private StreetVocabulary() {}

    static boolean isStrongSuffix(String word) {
        return STRONG.contains(word);
    }

    static boolean isLandmarkSuffix(String word) {
        return LANDMARK.contains(word);
    }

    /** An abbreviated suffix, which may carry a period ("St.", "Ave."). */
    static boolean isAbbreviation(String word) {
        return ABBREVIATIONS.contains(word);
    }

    static boolean takesRouteNumber(String word) {
        return NUMBERED.contains(word);
    }

    /** A direction abbreviation in capitals: N, SE, ... */
    static boolean isDirection(ProseTokens tokens, int i) {
        return tokens.isWord(i) && tokens.length(i) <= 2 && DIRECTIONS.contains(tokens.text(i));
    }

    static boolean isUnitDesignator(String word) {
        return UNIT_DESIGNATORS.contains(word);
    }
}
