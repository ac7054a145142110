package dev.parley.pii;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raises or lowers a candidate's score by the words around it that its detector does not weigh itself: "#" or
 * "number" before a long number, "mg" or "mmHg" right after a value. Looks at a fixed window on each side, so the
 * cost per finding is constant.
 */
final class ContextScorer {

    static final int WINDOW = 40;
    static final int AFTER = 8;
    static final double BOOST = 0.25;
    static final double PENALTY = 0.3;

    private static final Map<PiiType, List<String>> SUPPORTING = new EnumMap<>(PiiType.class);
    private static final Map<PiiType, List<String>> CONTRADICTING = new EnumMap<>(PiiType.class);

    static {
        // Detectors weigh their own labels ("SSN", "DOB", "NPI", "fax"...); what is left here is context no single
        // detector sees: words that say a number is an id, and units or codes that say it is a measurement.
        SUPPORTING.put(PiiType.NUMBER, List.of("#", "id", "number", "no."));
        CONTRADICTING.put(PiiType.NUMBER, List.of("cpt", "icd", "mg", "ml", "units", "$", "usd", "order", "claim"));
        CONTRADICTING.put(PiiType.DATE, List.of("mmhg", "ratio", "score", "version"));
        CONTRADICTING.put(PiiType.PHONE, List.of("order", "invoice", "claim #", "version"));
    }

    private ContextScorer() {}

    static Finding score(String text, Finding finding) {
        List<String> supporting = SUPPORTING.get(finding.type());
        List<String> contradicting = CONTRADICTING.get(finding.type());
        if (supporting == null && contradicting == null) {
            return finding;
        }
        String before = window(text, Math.max(0, finding.start() - WINDOW), finding.start());
        // only the units right behind a value speak about it ("120/80 mmHg"); a sentence later is another topic
        String after = window(text, finding.end(), Math.min(text.length(), finding.end() + AFTER));
        double score = finding.score();
        if (containsAny(before, supporting)) {
            score += BOOST;
        }
        if (containsAny(before, contradicting) || containsAny(after, contradicting)) {
            score -= PENALTY;
        }
        return score == finding.score() ? finding : finding.withScore(score);
    }

    private static String window(String text, int from, int to) {
        return text.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean containsAny(String window, List<String> words) {
        if (words == null) {
            return false;
        }
        for (String word : words) {
            if (containsWord(window, word.strip())) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} in {@code window} as a word of its own: "order" is not in "border", "mg" not in "img". */
    private static boolean containsWord(String window, String word) {
        for (int at = window.indexOf(word); at >= 0; at = window.indexOf(word, at + 1)) {
            boolean startOk = !Character.isLetterOrDigit(word.charAt(0)) || at == 0
                    || !Character.isLetterOrDigit(window.charAt(at - 1));
            int end = at + word.length();
            boolean endOk = !Character.isLetterOrDigit(word.charAt(word.length() - 1)) || end == window.length()
                    || !Character.isLetterOrDigit(window.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
