package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * US Social Security numbers written {@code 123-45-6789}, {@code 123 45 6789} or {@code 123456789}, kept only when
 * the SSA could have issued them: area not 000, 666 or 900-999, group not 00, serial not 0000, and not one of the
 * numbers printed in advertisements and since retired. A bare nine-digit run is weak on its own (order numbers,
 * claim numbers and routing numbers look the same) unless an SSN label precedes it.
 */
public final class SsnDetector implements Detector {

    static final double DASHED = 0.85;
    static final double SPACED = 0.75;
    static final double BARE = 0.4;
    static final double LABELED = 0.95;
    static final double LABELED_BARE = 0.9;

    /** How far back a label may sit: "SSN (on file): 123-45-6789". */
    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of(
            "ssn", "ssns", "social security", "social", "soc sec", "soc. sec", "ss#", "ss #", "ss no", "ss number");
    /** Numbers the SSA voided after they appeared on wallet inserts and in advertising. */
    private static final Set<String> RETIRED = Set.of("078051120", "219099999");

    @Override
    public String name() {
        return "ssn";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.SSN);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int length = text.length();
        int next = 0;
        for (int number : tokens.numbers()) {
            int run = tokens.length(number);
            int i = tokens.start(number);
            if ((run != 9 && run != 3) || i < next || !TextScan.numberStartsAt(text, i)) {
                continue;
            }
            if (run == 9 && TextScan.numberEndsAt(text, i + 9)) {
                report(text, i, i + 9, text.substring(i, i + 9), BARE, LABELED_BARE, out);
                next = i + 9;
            } else if (run == 3 && i + 11 <= length) {
                char separator = text.charAt(i + 3);
                boolean dash = separator == '-';
                if ((dash || TextScan.isGroupSpace(separator))
                        && TextScan.exactDigits(text, i + 4, 2)
                        && text.charAt(i + 6) == separator
                        && TextScan.exactDigits(text, i + 7, 4)
                        && TextScan.numberEndsAt(text, i + 11)) {
                    String digits = text.substring(i, i + 3) + text.substring(i + 4, i + 6)
                            + text.substring(i + 7, i + 11);
                    report(text, i, i + 11, digits, dash ? DASHED : SPACED, LABELED, out);
                    next = i + 11;
                }
            }
        }
    }

    private void report(String text, int start, int end, String digits, double score, double labeled,
            List<Finding> out) {
        if (!issuable(digits)) {
            return;
        }
        boolean cued = TextScan.cueBefore(text, start, CUE_WINDOW, CUES);
        out.add(new Finding(PiiType.SSN, start, end, cued ? labeled : score, name()));
    }

    /** The SSA's structural rules for nine digits. */
    static boolean issuable(String digits) {
        int area = TextScan.digitValue(digits, 0, 3);
        int group = TextScan.digitValue(digits, 3, 5);
        int serial = TextScan.digitValue(digits, 5, 9);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0 && !RETIRED.contains(digits);
    }
}
