package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Places smaller than a state, reported at the strict level: cities, counties and named care facilities. A state
 * alone is never reported (Safe Harbor lets a state stay), and neither is a city with nothing to show it is one.
 *
 * <ul>
 *   <li>A listed city followed by a state ("Boston, MA", "Portland Oregon"): {@link #CITY_WITH_STATE}; the span is
 *       the city, the state stays. After "in", "from", "near", "moved to"...: {@link #CITY_AFTER_CUE}.</li>
 *   <li>Any capitalized place name followed by ", ST 12345": {@link #PLACE_WITH_ZIP}.</li>
 *   <li>"X County", "X Parish": {@link #COUNTY}, the word "County" included.</li>
 *   <li>A named facility: capitalized words before "Hospital", "Clinic", "Medical Center", "Nursing Home"...
 *       ("St. Mary's Hospital", "Springfield General Hospital"): {@link #FACILITY}.</li>
 * </ul>
 */
public final class LocationDetector implements Detector {

    static final double CITY_WITH_STATE = 0.85;
    static final double PLACE_WITH_ZIP = 0.8;
    static final double COUNTY = 0.7;
    static final double FACILITY = 0.7;
    static final double CITY_AFTER_CUE = 0.6;

    /** Words of a facility's or county's own name before its head: "Our Lady of Lourdes" is beyond this. */
    private static final int MAX_NAME_WORDS = 4;
    private static final int MAX_CITY_WORDS = 3;

    private static final Set<String> FACILITY_HEADS = Set.of(
            "hospital", "clinic", "infirmary", "hospice", "sanatorium", "sanitarium");
    /** Words that, before "Center", make it a care facility: "Medical Center", "Cancer Center". */
    private static final Set<String> CENTER_KINDS = Set.of(
            "medical", "health", "surgical", "surgery", "cancer", "rehabilitation", "rehab", "care", "treatment",
            "dialysis", "heart", "trauma", "wellness", "birthing", "behavioral", "psychiatric", "nursing");
    private static final Set<String> COUNTY_HEADS = Set.of("county", "parish");
    private static final Set<String> SAINT_ABBREVIATIONS = Set.of("st", "ste", "mt", "ft");
    /** Capitalized words that start a sentence or a phrase but are never part of a place's name. */
    private static final Set<String> STOPS = Set.of(
            "the", "a", "an", "at", "in", "to", "from", "of", "and", "or", "patient", "pt", "admitted", "discharged",
            "transferred", "seen", "visited", "called", "went", "drove", "presented", "per", "via", "i", "we", "he",
            "she", "they", "my", "our", "his", "her", "their", "this", "that", "dr", "mr", "mrs", "ms", "miss",
            "prof", "nurse", "near", "by", "for", "with", "on", "lives", "born", "moved");
    private static final Set<String> CUES = Set.of("in", "from", "near", "outside", "around");
    /** Verbs that make a following "to" a cue: "moved to Denver". */
    private static final Set<String> MOVES = Set.of(
            "moved", "relocated", "traveled", "travelled", "flew", "drove", "went", "returned", "transferred",
            "trip", "visit", "visiting", "commutes", "move", "travel");

    @Override
    public String name() {
        return "location";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.LOCATION);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        boolean[] named = new boolean[tokens.size()];
        for (int h = 0; h < tokens.size(); h++) {
            facilityOrCounty(tokens, h, named, out);
        }
        int lastCityEnd = -1;
        int i = 0;
        while (i < tokens.size()) {
            if (named[i]) {
                i++;
                continue;
            }
            int cityEnd = tokens.isCapitalized(i) ? UsPlaces.cityEnd(tokens, i) : -1;
            if (cityEnd > 0 && !named[cityEnd - 1]) {
                double score = cityScore(tokens, i, cityEnd);
                if (score > 0) {
                    out.add(new Finding(PiiType.LOCATION, tokens.start(i), tokens.end(cityEnd - 1), score, name()));
                    lastCityEnd = cityEnd;
                    i = cityEnd;
                    continue;
                }
            }
            if (tokens.isMark(i, ',') && lastCityEnd != i) {
                placeBeforeStateAndZip(tokens, i, named, out);
            }
            i++;
        }
    }

    /**
     * If token {@code h} ends the head of a facility or county name, reports the name with the capitalized words
     * before it and marks its tokens.
     */
    private void facilityOrCounty(ProseTokens tokens, int h, boolean[] named, List<Finding> out) {
        if (!tokens.isCapitalized(h)) {
            return;
        }
        String word = tokens.lower(h);
        int headStart;
        double score;
        if (FACILITY_HEADS.contains(word)) {
            headStart = h;
            score = FACILITY;
        } else if (COUNTY_HEADS.contains(word)) {
            headStart = h;
            score = COUNTY;
        } else if ((word.equals("center") || word.equals("centre")) && tokens.isCapitalized(h - 1)
                && CENTER_KINDS.contains(tokens.lower(h - 1)) && !tokens.lineBreakBefore(h)) {
            headStart = h - 1;
            score = FACILITY;
        } else if (word.equals("home") && tokens.isCapitalized(h - 1) && tokens.is(h - 1, "nursing")
                && !tokens.lineBreakBefore(h)) {
            headStart = h - 1;
            score = FACILITY;
        } else {
            return;
        }
        int first = nameStart(tokens, headStart, MAX_NAME_WORDS);
        if (first == headStart) {
            return;
        }
        out.add(new Finding(PiiType.LOCATION, tokens.start(first), tokens.end(h), score, name()));
        for (int k = first; k <= h; k++) {
            named[k] = true;
        }
    }

    /**
     * The first token of the capitalized name words ending just before {@code head}, at most {@code max} of them,
     * on the head's line; {@code head} itself when there are none. "St." and "Mt." count as words.
     */
    private static int nameStart(ProseTokens tokens, int head, int max) {
        int first = head;
        int k = head - 1;
        int words = 0;
        while (words < max && k >= 0 && !tokens.lineBreakBefore(k + 1)) {
            if (tokens.isMark(k, '.') && tokens.touchesPrevious(k) && tokens.isCapitalized(k - 1)
                    && SAINT_ABBREVIATIONS.contains(tokens.lower(k - 1))) {
                first = k - 1;
                k -= 2;
                words++;
                continue;
            }
            if (!tokens.isCapitalized(k) || STOPS.contains(tokens.lower(k))
                    || StreetVocabulary.isStrongSuffix(tokens.lower(k))) {
                break;
            }
            first = k;
            k--;
            words++;
        }
        return first;
    }

    /** How sure a listed city at {@code [i, end)} is a place: by the state after it or the cue before it; 0 if not. */
    private static double cityScore(ProseTokens tokens, int i, int end) {
        int state = tokens.isMark(end, ',') ? end + 1 : end;
        if (UsPlaces.stateEnd(tokens, state) > 0) {
            // "Jackson, MD" may be Dr. Jackson, MD: a credential-like abbreviation needs a ZIP after a name-like city
            boolean credential = UsPlaces.isCredentialLike(tokens, state) && end - i == 1
                    && NameLexicon.isKnownName(tokens.lower(i)) && UsPlaces.zipAfterStateEnd(tokens, state + 1) < 0;
            if (!credential) {
                return CITY_WITH_STATE;
            }
        }
        return cueBefore(tokens, i) ? CITY_AFTER_CUE : 0;
    }

    private static boolean cueBefore(ProseTokens tokens, int i) {
        int k = i - 1;
        if (!tokens.isWord(k) || tokens.lineBreakBefore(i)) {
            return false;
        }
        String word = tokens.lower(k);
        if (CUES.contains(word)) {
            return true;
        }
        return word.equals("to") && tokens.isWord(k - 1) && MOVES.contains(tokens.lower(k - 1));
    }

    /** "Smallville, KS 66002": the capitalized words before the comma at {@code comma} name a place. */
    private void placeBeforeStateAndZip(ProseTokens tokens, int comma, boolean[] named, List<Finding> out) {
        int stateEnd = UsPlaces.stateEnd(tokens, comma + 1);
        if (stateEnd < 0 || UsPlaces.zipAfterStateEnd(tokens, stateEnd) < 0 || comma == 0 || named[comma - 1]) {
            return;
        }
        int first = nameStart(tokens, comma, MAX_CITY_WORDS);
        if (first == comma || named[first]) {
            return;
        }
        out.add(new Finding(PiiType.LOCATION, tokens.start(first), tokens.end(comma - 1), PLACE_WITH_ZIP, name()));
    }
}
