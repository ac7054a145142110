package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Payment card numbers (PANs): 13 to 19 digits, contiguous or in groups of 3 to 8 separated by single spaces or
 * dashes, that pass the Luhn check and fall in a known issuer's prefix range with a length that issuer uses. The
 * issuer ranges keep most of Luhn's one-in-ten false positives on arbitrary long numbers out; a number whose
 * nearest label names something else (claim, order, tracking number) is only a weak candidate.
 */
public final class PaymentCardDetector implements Detector {

    static final double GROUPED = 0.95;
    static final double CONTIGUOUS = 0.9;
    /** A number labelled as something else ("Claim no. 4603844246378") that happens to pass Luhn. */
    static final double LABELED_OTHERWISE = 0.45;

    private static final int CUE_WINDOW = 24;
    private static final List<String> CARD_CUES = List.of(
            "card", "visa", "mastercard", "master card", "amex", "american express", "discover", "jcb", "diners",
            "cc", "cc#", "credit", "debit", "pan");
    private static final List<String> OTHER_CUES = List.of(
            "claim", "clm", "order", "invoice", "ref", "reference", "tracking", "confirmation", "case", "ticket",
            "accession", "specimen", "auth", "authorization", "member", "policy", "mrn", "npi");

    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    private static final int MIN_GROUP = 3;
    private static final int MAX_GROUP = 8;

    @Override
    public String name() {
        return "payment-card";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.CREDIT_CARD);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int next = 0;
        for (int number : tokens.numbers()) {
            int i = tokens.start(number);
            if (tokens.length(number) < MIN_GROUP || i < next || !TextScan.numberStartsAt(text, i)) {
                continue;
            }
            int end = match(text, i, out);
            if (end > 0) {
                next = end;
            }
        }
    }

    /** Reports the card starting at {@code start} and returns its end, or -1. */
    private int match(String text, int start, List<Finding> out) {
        int first = TextScan.digitsAt(text, start, MAX_DIGITS);
        if (first >= MIN_DIGITS && first <= MAX_DIGITS) {
            int end = start + first;
            if (TextScan.numberEndsAt(text, end) && valid(text.substring(start, end))) {
                out.add(new Finding(PiiType.CREDIT_CARD, start, end, score(text, start, CONTIGUOUS), name()));
                return end;
            }
            return -1;
        }
        if (first < MIN_GROUP || first > MAX_GROUP) {
            return -1;
        }
        // a single group is too short to be a card: only a separator and a second group can make one
        int afterFirst = start + first;
        if (afterFirst + 1 >= text.length()) {
            return -1;
        }
        char firstSeparator = text.charAt(afterFirst);
        if (firstSeparator != ' ' && firstSeparator != '-') {
            return -1;
        }
        int second = TextScan.digitsAt(text, afterFirst + 1, MAX_GROUP);
        if (second < MIN_GROUP || second > MAX_GROUP) {
            return -1;
        }
        // groups with one kind of separator; remember where each group ends and the digits so far
        int[] groupEnds = new int[MAX_DIGITS];
        int groups = 0;
        StringBuilder digits = new StringBuilder(MAX_DIGITS + MAX_GROUP);
        char separator = 0;
        int at = start;
        int size = first;
        while (true) {
            digits.append(text, at, at + size);
            groupEnds[groups++] = at + size;
            int next = at + size;
            if (digits.length() >= MAX_DIGITS || next + 1 >= text.length()) {
                break;
            }
            char c = text.charAt(next);
            if ((c != ' ' && c != '-') || (separator != 0 && c != separator)) {
                break;
            }
            int following = TextScan.digitsAt(text, next + 1, MAX_GROUP);
            if (following < MIN_GROUP || following > MAX_GROUP) {
                break;
            }
            separator = c;
            at = next + 1;
            size = following;
        }
        // the longest prefix of whole groups that is a card; a shorter prefix only where a space ends it, since a
        // dash would glue the rest on
        int counted = digits.length();
        for (int g = groups - 1; g >= 1; g--) {
            int end = groupEnds[g];
            boolean whole = g == groups - 1;
            if (counted >= MIN_DIGITS && counted <= MAX_DIGITS
                    && (whole ? TextScan.numberEndsAt(text, end) : text.charAt(end) == ' ')
                    && valid(digits.substring(0, counted))) {
                out.add(new Finding(PiiType.CREDIT_CARD, start, end, score(text, start, GROUPED), name()));
                return end;
            }
            counted -= groupEnds[g] - groupEnds[g - 1] - 1;
        }
        return -1;
    }

    /** The format's score, unless the nearest label before the number names something other than a card. */
    private static double score(String text, int start, double format) {
        return TextScan.otherLabelNearer(text, start, CUE_WINDOW, CARD_CUES, OTHER_CUES) ? LABELED_OTHERWISE : format;
    }

    static boolean valid(String digits) {
        return issued(digits) && Checksums.luhn(digits);
    }

    /** A prefix and length some network issues: Visa, Mastercard, Amex, Discover, JCB, Diners Club. */
    static boolean issued(String digits) {
        int length = digits.length();
        if (length < MIN_DIGITS || length > MAX_DIGITS) {
            return false;
        }
        int two = TextScan.digitValue(digits, 0, 2);
        int three = TextScan.digitValue(digits, 0, 3);
        int four = TextScan.digitValue(digits, 0, 4);
        if (digits.charAt(0) == '4') {
            return length == 13 || length == 16 || length == 19;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return length == 16;
        }
        if (two == 34 || two == 37) {
            return length == 15;
        }
        if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) {
            return length >= 16;
        }
        if (four >= 3528 && four <= 3589) {
            return length >= 16;
        }
        if ((three >= 300 && three <= 305) || two == 36 || two == 38) {
            return length >= 14;
        }
        return false;
    }
}
