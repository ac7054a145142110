package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Medicare Beneficiary Identifiers: eleven characters in the CMS pattern C A AN N A AN N A A N N (C a digit 1-9,
 * A a letter other than S, L, O, I, B, Z, N a digit, AN either), compact or with dashes after the fourth and
 * seventh characters as on the Medicare card. The pattern has no checksum but is specific enough to stand alone.
 */
public final class MbiDetector implements Detector {

    static final double UNCUED = 0.9;
    static final double CUED = 0.95;

    private static final int LENGTH = 11;
    /** Position classes: 'C' digit 1-9, 'A' MBI letter, 'X' MBI letter or digit, 'N' digit. */
    private static final String PATTERN = "CAXNAXNAANN";
    private static final String EXCLUDED_LETTERS = "SLOIBZ";
    private static final int CUE_WINDOW = 30;
    private static final List<String> CUES = List.of("mbi", "medicare", "beneficiary identifier");

    @Override
    public String name() {
        return "medicare-mbi";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.MEDICARE_MBI);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int next = 0;
        // an MBI starts with a digit at the start of a word and then a letter: a run of one digit
        for (int number : tokens.numbers()) {
            int i = tokens.start(number);
            if (tokens.length(number) != 1 || i < next || text.charAt(i) == '0' || !TextScan.startsWord(text, i)) {
                continue;
            }
            int end = match(text, i);
            if (end > 0) {
                boolean cued = TextScan.cueBefore(text, i, CUE_WINDOW, CUES);
                out.add(new Finding(PiiType.MEDICARE_MBI, i, end, cued ? CUED : UNCUED, name()));
                next = end;
            }
        }
    }

    /** The end of the MBI at {@code start}, compact or dashed, or -1. */
    private static int match(String text, int start) {
        int at = start;
        boolean dashed = false;
        for (int k = 0; k < LENGTH; k++, at++) {
            if (k == 4 || k == 7) {
                boolean dash = at < text.length() && text.charAt(at) == '-';
                if (k == 4) {
                    dashed = dash;
                } else if (dash != dashed) {
                    return -1;
                }
                if (dash) {
                    at++;
                }
            }
            if (at >= text.length() || !fits(text.charAt(at), PATTERN.charAt(k))) {
                return -1;
            }
        }
        return TextScan.numberEndsAt(text, at) ? at : -1;
    }

    private static boolean fits(char c, char kind) {
        char upper = Character.toUpperCase(c);
        boolean letter = TextScan.isAsciiLetter(c) && EXCLUDED_LETTERS.indexOf(upper) < 0;
        return switch (kind) {
            case 'C' -> c >= '1' && c <= '9';
            case 'N' -> TextScan.isDigit(c);
            case 'A' -> letter;
            default -> letter || TextScan.isDigit(c);
        };
    }
}
