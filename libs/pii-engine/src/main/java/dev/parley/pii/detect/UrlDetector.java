package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * Web addresses starting with {@code http://}, {@code https://}, {@code ftp://} or {@code www.}. A URL runs to the
 * next whitespace or character that cannot appear in one, minus trailing sentence punctuation and unbalanced
 * closing brackets ("(see https://example.org/a)."). Each position is scanned once: after a URL, scanning resumes
 * at its end.
 */
public final class UrlDetector implements Detector {

    static final double WITH_SCHEME = 0.95;
    static final double WWW = 0.9;

    private static final List<String> SCHEMES = List.of("https://", "http://", "ftp://");
    private static final String WWW_PREFIX = "www.";

    @Override
    public String name() {
        return "url";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.URL);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        int length = text.length();
        int next = 0;
        for (int i : ProseTokens.of(text).asciiWordStarts()) {
            char c = TextScan.lower(text.charAt(i));
            if (i < next || (c != 'h' && c != 'f' && c != 'w')) {
                continue;
            }
            int hostStart = -1;
            boolean scheme = false;
            for (String prefix : SCHEMES) {
                if (TextScan.matchesIgnoreCase(text, i, prefix)) {
                    hostStart = i + prefix.length();
                    scheme = true;
                    break;
                }
            }
            if (!scheme && TextScan.matchesIgnoreCase(text, i, WWW_PREFIX)) {
                hostStart = i + WWW_PREFIX.length();
            }
            if (hostStart < 0) {
                continue;
            }
            int end = hostStart;
            while (end < length && isUrlChar(text.charAt(end))) {
                end++;
            }
            int trimmed = trimTrailing(text, i, end);
            if (hostValid(text, hostStart, trimmed, scheme)) {
                out.add(new Finding(PiiType.URL, i, trimmed, scheme ? WITH_SCHEME : WWW, name()));
            }
            next = end;
        }
    }

    /** A scheme URL needs a host that starts with a letter, digit or {@code [}; a www. one a further dot. */
    private static boolean hostValid(String text, int hostStart, int end, boolean scheme) {
        if (hostStart >= end) {
            return false;
        }
        char first = text.charAt(hostStart);
        if (!TextScan.isAsciiAlnum(first) && first != '[' && !(Character.isLetter(first))) {
            return false;
        }
        if (scheme) {
            return true;
        }
        // www.example.org: a label, a dot, a label
        int i = hostStart;
        while (i < end && (TextScan.isAsciiAlnum(text.charAt(i)) || text.charAt(i) == '-'
                || Character.isLetter(text.charAt(i)))) {
            i++;
        }
        return i > hostStart && i + 1 < end && text.charAt(i) == '.' && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    /** Drops trailing punctuation that ends the sentence, and closing brackets the URL did not open. */
    private static int trimTrailing(String text, int start, int end) {
        int openParens = 0;
        int closeParens = 0;
        int openSquare = 0;
        int closeSquare = 0;
        for (int i = start; i < end; i++) {
            switch (text.charAt(i)) {
                case '(' -> openParens++;
                case ')' -> closeParens++;
                case '[' -> openSquare++;
                case ']' -> closeSquare++;
                default -> {
                    // other characters do not affect balance
                }
            }
        }
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'\"*".indexOf(last) >= 0) {
                end--;
            } else if (last == ')' && closeParens > openParens) {
                closeParens--;
                end--;
            } else if (last == ']' && closeSquare > openSquare) {
                closeSquare--;
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static boolean isUrlChar(char c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
            return false;
        }
        return "<>\"`{}|\\^\u201C\u201D\u2018\u2019\u00AB\u00BB".indexOf(c) < 0;
    }
}
