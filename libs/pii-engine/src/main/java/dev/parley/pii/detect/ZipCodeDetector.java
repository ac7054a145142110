package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * US ZIP codes, five digits or ZIP+4 ({@code 12345-6789}). Five digits alone are everywhere (CPT codes, amounts,
 * counts), so a ZIP is strong only right after a state ("Springfield, IL 62704", "Ohio 43215") or after a "ZIP" or
 * "postal code" cue, and weak otherwise.
 */
public final class ZipCodeDetector implements Detector {

    static final double WEAK = 0.45;
    static final double STRONG = 0.9;

    private static final int CUE_WINDOW = 20;
    private static final List<String> CUES = List.of("zip", "zipcode", "zip code", "postal code", "postcode");

    /** USPS state, district, territory and military abbreviations; upper case only ("in", "or", "me" are words). */
    private static final Set<String> STATE_CODES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "VI", "GU",
            "AS", "MP", "AA", "AE", "AP");

    private static final List<String> STATE_NAMES = List.of(
            "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
            "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
            "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
            "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
            "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee",
            "texas", "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
            "district of columbia", "puerto rico", "guam");

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    @Override
    public String name() {
        return "zip";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.ZIP);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int length = text.length();
        int next = 0;
        for (int number : tokens.numbers()) {
            int i = tokens.start(number);
            if (tokens.length(number) != 5 || i < next || !TextScan.numberStartsAt(text, i)) {
                continue;
            }
            int end;
            if (i + 10 <= length && text.charAt(i + 5) == '-' && TextScan.digitsAt(text, i + 6, 4) == 4
                    && TextScan.numberEndsAt(text, i + 10)) {
                end = i + 10;
            } else if (TextScan.numberEndsAt(text, i + 5)) {
                end = i + 5;
            } else {
                continue;
            }
            if (text.startsWith("00000", i)) {
                continue;
            }
            boolean strong = afterState(text, i) || TextScan.cueBefore(text, i, CUE_WINDOW, CUES);
            out.add(new Finding(PiiType.ZIP, i, end, strong ? STRONG : WEAK, name()));
            next = end;
        }
    }

    /** A state abbreviation or name ends right before {@code start}, past at most a comma and a few spaces. */
    static boolean afterState(String text, int start) {
        int p = start;
        int skipped = 0;
        while (p > 0 && skipped < 4 && (TextScan.isGroupSpace(text.charAt(p - 1)) || text.charAt(p - 1) == ',')) {
            p--;
            skipped++;
        }
        if (p == start || p == 0) {
            return false;
        }
        if (p >= 2 && isUpper(text.charAt(p - 2)) && isUpper(text.charAt(p - 1)) && TextScan.startsWord(text, p - 2)
                && STATE_CODES.contains(text.substring(p - 2, p))) {
            return true;
        }
        // every name ends in an ASCII letter, which only that letter in either case matches
        char last = text.charAt(p - 1);
        char lastLower = last < 0x80 ? TextScan.lower(last) : 0;
        for (String name : STATE_NAMES) {
            if (lastLower != 0 && name.charAt(name.length() - 1) != lastLower) {
                continue;
            }
            int from = p - name.length();
            if (from >= 0 && TextScan.startsWord(text, from)
                    && TextScan.matchesIgnoreCase(text, from, name)) {
                return true;
            }
        }
        return false;
    }
}
