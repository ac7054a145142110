package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Identifiers with no format of their own, found by the label in front of them: medical record numbers ("MRN",
 * "MR#", "chart #"), health plan member ids ("member ID", "subscriber #", "policy number"), account numbers
 * ("acct") and licence, plate or certificate numbers ("DL#", "driver's license", "license plate",
 * "certificate no."). After the label come optional qualifiers ({@code :}, {@code #}, "no.", "number", "ID", "is"),
 * then the id: 4 to 20 letters, digits and dashes with at least two digits; digit groups of one size separated by
 * single spaces ({@code 123 456 789}) continue it.
 *
 * <p>A bare "ID" takes its type from a member or patient mentioned just before it; with no such mention it is taken,
 * at a lower score, for a health plan member id (in a patient's message, most likely the id on the insurance card).
 * "Tax ID", "Order ID" and other compounds that name another kind of id are left alone.
 */
public final class LabeledIdDetector implements Detector {

    static final double SCORE = 0.85;
    /** A bare "ID" with nothing around it saying what it identifies, taken for a health plan member id. */
    static final double UNQUALIFIED_ID = 0.7;

    private static final int MIN_ID = 4;
    private static final int MAX_ID = 20;
    /** How many characters of qualifiers may sit between the label and the id. */
    private static final int MAX_GAP = 24;

    /**
     * A label and the type it announces. A label that is also an ordinary word ("member", "policy", "chart")
     * announces an id only with a qualifier after it: "policy number", "chart #", "member ID", "policy:".
     */
    private record Label(String text, PiiType type, boolean needsQualifier) {}

    /** A bare "ID" label; its type (null in {@link #LABELS}) comes from the words before it. */
    private static final String BARE_ID = "id";
    private static final int CONTEXT_WINDOW = 40;
    private static final List<String> PLAN_CONTEXT = List.of(
            "member", "subscriber", "insured", "insurance", "health plan", "policy", "beneficiary", "medicaid",
            "payer");
    private static final List<String> RECORD_CONTEXT = List.of("patient", "pt", "mrn", "chart", "medical record");
    /** Words that make "ID" the id of something other than a person's health plan or record ("Tax ID"). */
    private static final Set<String> OTHER_ID_KINDS = Set.of(
            "tax", "transaction", "txn", "order", "session", "request", "user", "login", "employee", "employer",
            "student", "device", "tracking", "reference", "ref", "invoice", "claim", "case", "ticket", "provider",
            "npi", "dea", "group", "batch", "lot", "product", "app", "apple", "client", "vendor", "email", "photo",
            "message", "thread", "job", "task", "build", "commit", "record", "payment", "confirmation");

    private static final List<Label> LABELS = sortedLongestFirst(List.of(
            new Label("mrn", PiiType.MRN, false),
            new Label("medical record", PiiType.MRN, false),
            new Label("med rec", PiiType.MRN, false),
            new Label("mr", PiiType.MRN, true),
            new Label("chart", PiiType.MRN, true),
            new Label("patient", PiiType.MRN, true),
            new Label("member", PiiType.HEALTH_PLAN_ID, true),
            new Label("subscriber", PiiType.HEALTH_PLAN_ID, true),
            new Label("policy", PiiType.HEALTH_PLAN_ID, true),
            new Label("policyholder", PiiType.HEALTH_PLAN_ID, true),
            new Label("beneficiary", PiiType.HEALTH_PLAN_ID, true),
            new Label("health plan", PiiType.HEALTH_PLAN_ID, true),
            new Label("health plan beneficiary", PiiType.HEALTH_PLAN_ID, true),
            new Label("insurance", PiiType.HEALTH_PLAN_ID, true),
            new Label("medicaid", PiiType.HEALTH_PLAN_ID, true),
            new Label("account", PiiType.ACCOUNT_NUMBER, false),
            new Label("acct", PiiType.ACCOUNT_NUMBER, false),
            new Label("a/c", PiiType.ACCOUNT_NUMBER, false),
            new Label("driver's license", PiiType.LICENSE_NUMBER, false),
            new Label("driver\u2019s license", PiiType.LICENSE_NUMBER, false),
            new Label("drivers license", PiiType.LICENSE_NUMBER, false),
            new Label("driver license", PiiType.LICENSE_NUMBER, false),
            new Label("driver's licence", PiiType.LICENSE_NUMBER, false),
            new Label("driver\u2019s licence", PiiType.LICENSE_NUMBER, false),
            new Label("drivers licence", PiiType.LICENSE_NUMBER, false),
            new Label("driver licence", PiiType.LICENSE_NUMBER, false),
            new Label("license plate", PiiType.LICENSE_NUMBER, false),
            new Label("licence plate", PiiType.LICENSE_NUMBER, false),
            new Label("license", PiiType.LICENSE_NUMBER, false),
            new Label("licence", PiiType.LICENSE_NUMBER, false),
            new Label("lic", PiiType.LICENSE_NUMBER, true),
            new Label("dl", PiiType.LICENSE_NUMBER, true),
            new Label("certificate", PiiType.LICENSE_NUMBER, true),
            new Label("certification", PiiType.LICENSE_NUMBER, true),
            new Label("cert", PiiType.LICENSE_NUMBER, true),
            new Label(BARE_ID, null, false)));

    /** {@link #LABELS} by their (lower-case ASCII) first letter, longest first within each letter. */
    private static final Label[][] LABELS_BY_FIRST = byFirstLetter(LABELS);
    /** {@link #LABELS} by their first two characters ({@link #pair}), longest first within each pair. */
    private static final Label[][] LABELS_BY_PAIR = byFirstTwo(LABELS);

    /** Words between a label and its id that say "an id follows". */
    private static final List<String> QUALIFIERS = List.of("number", "num", "nbr", "no", "identifier", "id");
    /** Words between a label and its id that say nothing. */
    private static final List<String> FILLERS = List.of("is", "was");

    @Override
    public String name() {
        return "labeled-id";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.MRN, PiiType.HEALTH_PLAN_ID, PiiType.ACCOUNT_NUMBER, PiiType.LICENSE_NUMBER);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        int next = 0;
        for (int i : ProseTokens.of(text).asciiWordStarts()) {
            if (i >= next) {
                int end = labeledIdAt(text, i, out);
                if (end > 0) {
                    next = end;
                }
            }
        }
    }

    /** Reports the id after a label at {@code i}, where an ASCII letter starts a word, and returns its end, or -1. */
    private int labeledIdAt(String text, int i, List<Finding> out) {
        for (Label label : candidates(text, i)) {
            if (!labelAt(text, i, label.text())) {
                continue;
            }
            PiiType type = label.type();
            double score = SCORE;
            if (type == null) {
                if (compoundLabel(text, i)) {
                    return -1;
                }
                type = typeFromContext(text, i);
                if (type == null) {
                    type = PiiType.HEALTH_PLAN_ID;
                    score = UNQUALIFIED_ID;
                }
            }
            return idAfter(text, i + label.text().length(), type, score, label.needsQualifier(), out);
        }
        return -1;
    }

    /** A word naming another kind of id right before {@code at}: "Tax ID", "Order ID". */
    private static boolean compoundLabel(String text, int at) {
        int p = at;
        while (p > 0 && at - p < 3 && TextScan.isGroupSpace(text.charAt(p - 1))) {
            p--;
        }
        if (p == at || p == 0 || !TextScan.isLetter(text.charAt(p - 1))) {
            return false;
        }
        int wordStart = p;
        while (wordStart > 0 && p - wordStart < 16 && TextScan.isLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        String word = text.substring(wordStart, p).toLowerCase(Locale.ROOT);
        return OTHER_ID_KINDS.contains(word);
    }

    /** The id type the words shortly before a bare "ID" label suggest, or null when they suggest none. */
    private static PiiType typeFromContext(String text, int at) {
        int plan = TextScan.nearestCueBefore(text, at, CONTEXT_WINDOW, PLAN_CONTEXT);
        int record = TextScan.nearestCueBefore(text, at, CONTEXT_WINDOW, RECORD_CONTEXT);
        if (plan < 0 && record < 0) {
            return null;
        }
        return plan > record ? PiiType.HEALTH_PLAN_ID : PiiType.MRN;
    }

    /** The labels that may start at {@code i}, where an ASCII letter is. */
    private static Label[] candidates(String text, int i) {
        Label[] byFirst = LABELS_BY_FIRST[text.charAt(i) | 0x20];
        // past the end no label fits; a non-ASCII letter may equal an ASCII one ignoring case (the Kelvin sign)
        if (byFirst.length == 0 || i + 1 == text.length() || text.charAt(i + 1) >= 0x80) {
            return byFirst;
        }
        return LABELS_BY_PAIR[pair(text.charAt(i), text.charAt(i + 1))];
    }

    /** An index for two ASCII characters, ignoring case. */
    private static int pair(char first, char second) {
        return TextScan.lower(first) << 7 | TextScan.lower(second);
    }

    private static boolean labelAt(String text, int at, String label) {
        int end = at + label.length();
        return TextScan.matchesIgnoreCase(text, at, label)
                && (end == text.length() || !TextScan.isAsciiAlnum(text.charAt(end)));
    }

    /** Reports the id after a label ending at {@code from} and returns its end, or -1. */
    private int idAfter(String text, int from, PiiType type, double score, boolean needsQualifier,
            List<Finding> out) {
        int length = text.length();
        int p = from;
        boolean qualified = false;
        while (p < length && p - from < MAX_GAP) {
            char c = text.charAt(p);
            if (c == '#' || c == ':') {
                qualified = true;
                p++;
            } else if (c == ' ' || c == '\t' || c == '\u00A0' || c == '.' || c == '-' || c == '=') {
                p++;
            } else {
                int word = wordAt(text, p, QUALIFIERS);
                if (word > 0) {
                    qualified = true;
                    p += word;
                } else if ((word = wordAt(text, p, FILLERS)) > 0) {
                    p += word;
                } else {
                    break;
                }
            }
        }
        if (needsQualifier && !qualified) {
            return -1;
        }
        int start = p;
        int end = idEnd(text, start);
        if (end < 0) {
            return -1;
        }
        out.add(new Finding(type, start, end, score, name()));
        return end;
    }

    /** The end of an id starting at {@code start}, or -1 when what follows is not one. */
    static int idEnd(String text, int start) {
        int length = text.length();
        if (start >= length || !TextScan.isAsciiAlnum(text.charAt(start)) || !TextScan.startsWord(text, start)) {
            return -1;
        }
        int p = start;
        int digits = 0;
        boolean onlyDigits = true;
        int groupSize = -1; // the size of the first digit group once a space has continued the id
        while (p < length && p - start <= MAX_ID) {
            char c = text.charAt(p);
            if (TextScan.isAsciiAlnum(c)) {
                boolean digit = TextScan.isDigit(c);
                digits += digit ? 1 : 0;
                onlyDigits &= digit;
                p++;
            } else if (c == '-' && p + 1 < length && TextScan.isAsciiAlnum(text.charAt(p + 1))
                    && text.charAt(p - 1) != '-') {
                onlyDigits = false;
                p++;
            } else if (c == ' ' && onlyDigits && spacedGroupFollows(text, p, groupSize < 0 ? p - start : groupSize)) {
                // "123 456 789": digit groups of one size, as some states print licence numbers
                groupSize = groupSize < 0 ? p - start : groupSize;
                p++;
            } else {
                break;
            }
        }
        int size = p - start;
        if (size < MIN_ID || size > MAX_ID || digits < 2 || !TextScan.endsWord(text, p)
                || looksLikeDate(text, start, p)) {
            return -1;
        }
        return p;
    }

    /** After the space at {@code space}, a group of {@code size} digits that ends the id or is followed by a space. */
    private static boolean spacedGroupFollows(String text, int space, int size) {
        if (size < 3) {
            return false;
        }
        int group = TextScan.digitsAt(text, space + 1, size);
        int end = space + 1 + size;
        return group == size && (TextScan.numberEndsAt(text, end) || text.charAt(end) == ' ');
    }

    /** {@code 2024-01-15}, {@code 01-15-2024}: a date after "account opened" is not an account number. */
    private static boolean looksLikeDate(String text, int start, int end) {
        int[] sizes = new int[3];
        int parts = 0;
        int partStart = start;
        for (int k = start; k <= end; k++) {
            if (k == end || text.charAt(k) == '-') {
                if (parts == 3 || k == partStart) {
                    return false;
                }
                sizes[parts++] = k - partStart;
                partStart = k + 1;
            } else if (!TextScan.isDigit(text.charAt(k))) {
                return false;
            }
        }
        if (parts != 3) {
            return false;
        }
        int a = sizes[0];
        int b = sizes[1];
        int c = sizes[2];
        return (a == 4 && b <= 2 && c <= 2) || (a <= 2 && b <= 2 && (c == 2 || c == 4));
    }

    /** The length of one of {@code words} at {@code at} as a whole word (ignoring case), or 0. */
    private static int wordAt(String text, int at, List<String> words) {
        for (String word : words) {
            int end = at + word.length();
            if (TextScan.matchesIgnoreCase(text, at, word)
                    && (end == text.length() || !TextScan.isAsciiAlnum(text.charAt(end)))) {
                return word.length();
            }
        }
        return 0;
    }

    private static Label[][] byFirstLetter(List<Label> labels) {
        Label[][] table = new Label[128][];
        for (char c = 0; c < 128; c++) {
            char letter = c;
            table[c] = labels.stream().filter(l -> l.text().charAt(0) == letter).toArray(Label[]::new);
        }
        return table;
    }

    private static Label[][] byFirstTwo(List<Label> labels) {
        Label[][] table = new Label[1 << 14][];
        Arrays.fill(table, new Label[0]);
        labels.stream()
                .collect(Collectors.groupingBy(l -> pair(l.text().charAt(0), l.text().charAt(1))))
                .forEach((pair, group) -> table[pair] = group.toArray(Label[]::new));
        return table;
    }

    private static List<Label> sortedLongestFirst(List<Label> labels) {
        return labels.stream().sorted(Comparator.comparingInt((Label l) -> l.text().length()).reversed()).toList();
    }
}
