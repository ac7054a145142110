package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * DEA registration numbers, as printed on prescriptions: a registrant-type letter, the initial of the registrant's
 * last name (or 9 for a business) and seven digits, the last of which is the DEA check digit. One value of that
 * shape in ten passes the check by chance, so a value whose nearest label names another id ("member ID") is weak.
 */
public final class DeaDetector implements Detector {

    /** Below a labelled id's score: where a label-cued id and a DEA-shaped reading of it compete, the label wins. */
    static final double UNCUED = 0.8;
    static final double CUED = 0.97;
    /** The nearest label names another id ("member ID", "claim #"): this one only looks like a DEA number. */
    static final double LABELED_OTHERWISE = 0.45;

    /** The registrant types the DEA assigns (practitioners, mid-levels, distributors, ...). */
    private static final String REGISTRANT_TYPES = "ABCDEFGHJKLMPRSTUX";
    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of("dea");
    private static final List<String> OTHER_CUES = List.of(
            "id", "member", "subscriber", "policy", "mrn", "account", "acct", "claim", "order", "ref", "medicaid",
            "medicare");

    @Override
    public String name() {
        return "dea";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.DEA);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        // the seven digits are a run of their own after two letters, or the end of a run "9dddddd" after one
        for (int number : tokens.numbers()) {
            int length = tokens.length(number);
            if (length != 7 && length != 8) {
                continue;
            }
            int i = tokens.start(number) - (length == 7 ? 2 : 1);
            if (shaped(text, i) && Checksums.dea(text.subSequence(i + 2, i + 9))) {
                report(text, i, out);
            }
        }
    }

    /** A registrant type, a letter or 9, and seven digits at {@code i}, starting a word and ending a number. */
    private static boolean shaped(String text, int i) {
        if (i < 0 || i + 9 > text.length()) {
            return false;
        }
        char type = Character.toUpperCase(text.charAt(i));
        char second = text.charAt(i + 1);
        return REGISTRANT_TYPES.indexOf(type) >= 0 && TextScan.isAsciiLetter(text.charAt(i))
                && (TextScan.isAsciiLetter(second) || second == '9')
                && TextScan.startsWord(text, i) && TextScan.digitsAt(text, i + 2, 7) == 7
                && TextScan.numberEndsAt(text, i + 9);
    }

    private void report(String text, int i, List<Finding> out) {
        int cue = TextScan.nearestCueBefore(text, i, CUE_WINDOW, CUES);
        int other = TextScan.nearestCueBefore(text, i, CUE_WINDOW, OTHER_CUES);
        if (cue >= 0 && other > cue && other - (cue + 3) <= 2 && text.regionMatches(true, other, "id", 0, 2)) {
            other = -1; // "DEA ID": the id the label names is this DEA number
        }
        double score = other > cue ? LABELED_OTHERWISE : cue >= 0 ? CUED : UNCUED;
        out.add(new Finding(PiiType.DEA, i, i + 9, score, name()));
    }
}
