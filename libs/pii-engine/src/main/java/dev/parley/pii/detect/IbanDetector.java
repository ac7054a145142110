package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * International bank account numbers: a country code, two check digits and the national account (BBAN), written
 * compact or in groups of four separated by single spaces. Kept only when the mod-97 check holds and, for countries
 * whose length is known, the length matches; an unknown country is kept at a lower score when mod-97 holds and the
 * length is within the 15-34 the standard allows.
 */
public final class IbanDetector implements Detector {

    static final double KNOWN_COUNTRY = 0.95;
    static final double UNKNOWN_COUNTRY = 0.85;

    private static final int MIN_LENGTH = 15;
    private static final int MAX_LENGTH = 34;

    /** IBAN lengths from the SWIFT IBAN registry, for the countries Parley's customers and patients bank in. */
    static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27),
            Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("IT", 27), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("SE", 24),
            Map.entry("LU", 20), Map.entry("CZ", 24), Map.entry("SK", 24), Map.entry("HU", 28),
            Map.entry("GR", 27), Map.entry("RO", 24), Map.entry("BG", 22), Map.entry("HR", 21),
            Map.entry("SI", 19), Map.entry("EE", 20), Map.entry("LV", 21), Map.entry("LT", 20),
            Map.entry("IS", 26), Map.entry("LI", 21), Map.entry("MC", 27), Map.entry("SM", 27),
            Map.entry("CY", 28), Map.entry("MT", 31), Map.entry("SA", 24), Map.entry("AE", 23),
            Map.entry("TR", 26), Map.entry("IL", 23), Map.entry("BR", 29));

    @Override
    public String name() {
        return "iban";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.IBAN);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        ProseTokens tokens = ProseTokens.of(text);
        int next = 0;
        // the check digits start a run of digits, two letters after the start of a word
        for (int number : tokens.numbers()) {
            int i = tokens.start(number) - 2;
            if (i < next || tokens.length(number) < 2 || !TextScan.isAsciiLetter(text.charAt(i))
                    || !TextScan.isAsciiLetter(text.charAt(i + 1)) || !TextScan.startsWord(text, i)) {
                continue;
            }
            int end = match(text, i, out);
            if (end > 0) {
                next = end;
            }
        }
    }

    private int match(String text, int start, List<Finding> out) {
        int token = TextScan.alnumsAt(text, start, MAX_LENGTH);
        if (token > 4) {
            // compact: the whole token is the IBAN
            int end = start + token;
            if (token <= MAX_LENGTH && TextScan.endsWord(text, end)) {
                double score = score(text.substring(start, end));
                if (score > 0) {
                    out.add(new Finding(PiiType.IBAN, start, end, score, name()));
                    return end;
                }
            }
            return -1;
        }
        if (token < 4) {
            return -1;
        }
        // grouped: "DE89 3704 0044 0532 0130 00"; groups of four, the last one shorter or equal
        StringBuilder value = new StringBuilder(MAX_LENGTH + 4).append(text, start, start + 4);
        int[] ends = new int[MAX_LENGTH / 4 + 2];
        int[] counts = new int[ends.length];
        int groups = 0;
        ends[groups] = start + 4;
        counts[groups++] = 4;
        int at = start + 4;
        while (value.length() < MAX_LENGTH && at + 1 < text.length() && text.charAt(at) == ' ') {
            int size = TextScan.alnumsAt(text, at + 1, 4);
            if (size == 0 || size > 4) {
                break;
            }
            if (size < 4 && !TextScan.endsWord(text, at + 1 + size)) {
                break;
            }
            value.append(text, at + 1, at + 1 + size);
            at += 1 + size;
            ends[groups] = at;
            counts[groups++] = value.length();
            if (size < 4) {
                break;
            }
        }
        // the longest run of whole groups that is a valid IBAN
        for (int g = groups - 1; g >= 1; g--) {
            if (!TextScan.endsWord(text, ends[g])) {
                continue;
            }
            double score = score(value.substring(0, counts[g]));
            if (score > 0) {
                out.add(new Finding(PiiType.IBAN, start, ends[g], score, name()));
                return ends[g];
            }
        }
        return -1;
    }

    /** The score of a compact candidate, or 0 when it is not an IBAN. */
    private static double score(String candidate) {
        int length = candidate.length();
        Integer expected = LENGTHS.get(candidate.substring(0, 2).toUpperCase(Locale.ROOT));
        if (expected != null) {
            return length == expected && Checksums.iban(candidate) ? KNOWN_COUNTRY : 0;
        }
        return length >= MIN_LENGTH && length <= MAX_LENGTH && Checksums.iban(candidate) ? UNKNOWN_COUNTRY : 0;
    }
}
