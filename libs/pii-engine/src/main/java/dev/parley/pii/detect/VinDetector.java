package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Vehicle identification numbers: 17 letters and digits, never I, O or Q, the last four numeric (ISO 3779), with the
 * ISO 3779 / FMVSS 115 check character in the ninth position. VINs from makers outside North America often carry no
 * check character; those are reported, at a lower score, only when a "VIN" label precedes them.
 */
public final class VinDetector implements Detector {

    static final double CHECKED = 0.95;
    static final double LABELED_UNCHECKED = 0.75;

    private static final int LENGTH = 17;
    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of("vin", "vehicle identification");

    @Override
    public String name() {
        return "vin";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.VIN);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        // a VIN ends in four digits, so it ends where a run of at least four digits does
        for (int number : tokens.numbers()) {
            int i = tokens.end(number) - LENGTH;
            if (tokens.length(number) < 4 || i < 0 || !TextScan.isAsciiAlnum(text.charAt(i))
                    || !TextScan.startsWord(text, i) || TextScan.alnumsAt(text, i, LENGTH) != LENGTH
                    || !TextScan.endsWord(text, i + LENGTH)) {
                continue;
            }
            String candidate = text.substring(i, i + LENGTH);
            if (shaped(candidate)) {
                if (Checksums.vin(candidate)) {
                    out.add(new Finding(PiiType.VIN, i, i + LENGTH, CHECKED, name()));
                } else if (TextScan.cueBefore(text, i, CUE_WINDOW, CUES)) {
                    out.add(new Finding(PiiType.VIN, i, i + LENGTH, LABELED_UNCHECKED, name()));
                }
            }
        }
    }

    /** VIN characters only, at least one letter, and the last four characters (the serial's tail) numeric. */
    static boolean shaped(String candidate) {
        boolean letter = false;
        for (int k = 0; k < LENGTH; k++) {
            char c = Character.toUpperCase(candidate.charAt(k));
            if (c == 'I' || c == 'O' || c == 'Q') {
                return false;
            }
            if (TextScan.isAsciiLetter(c)) {
                letter = true;
            } else if (!TextScan.isDigit(c)) {
                return false;
            }
            if (k >= LENGTH - 4 && !TextScan.isDigit(c)) {
                return false;
            }
        }
        return letter;
    }
}
