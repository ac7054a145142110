package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Email addresses: a local part of letters, digits and {@code . _ % + -}, an {@code @}, and a domain of at least two
 * dot-separated labels ending in an alphabetic top-level domain. Scans outwards from each {@code @}; a local part
 * never contains {@code @} and neither does a domain, so no character is scanned on behalf of more than two
 * {@code @}s, and both sides are capped at their RFC 5321 lengths.
 */
public final class EmailDetector implements Detector {

    static final double SCORE = 0.95;

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    /** Retina image names ({@code icon@2x.png}) have the shape of an address; these are not top-level domains. */
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp");

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.EMAIL);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        int lastEnd = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = localStart(text, at, lastEnd);
            if (start < 0) {
                continue;
            }
            int end = domainEnd(text, at);
            if (end < 0) {
                continue;
            }
            out.add(new Finding(PiiType.EMAIL, start, end, SCORE, name()));
            lastEnd = end;
        }
    }

    /** The start of the local part ending before {@code at}, or -1. */
    private static int localStart(String text, int at, int floor) {
        int start = at;
        while (start > floor && at - start < MAX_LOCAL && isLocalChar(text.charAt(start - 1))) {
            start--;
        }
        if (start > floor && isLocalChar(text.charAt(start - 1))) {
            return -1; // longer than any local part
        }
        while (start < at && text.charAt(start) == '.') {
            start++;
        }
        if (start == at || text.charAt(at - 1) == '.' || !TextScan.startsWord(text, start)) {
            return -1;
        }
        return start;
    }

    /** The end of a valid domain starting after {@code at}, or -1. */
    private static int domainEnd(String text, int at) {
        int from = at + 1;
        int limit = Math.min(text.length(), from + MAX_DOMAIN + 1);
        int end = from;
        while (end < limit && isDomainChar(text.charAt(end))) {
            end++;
        }
        if (end - from > MAX_DOMAIN) {
            return -1;
        }
        while (end > from && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
            end--; // sentence punctuation, not part of the domain
        }
        if (end == from || !TextScan.endsWord(text, end)) {
            return -1;
        }
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= end; i++) {
            if (i == end || text.charAt(i) == '.') {
                int size = i - labelStart;
                if (size == 0 || size > MAX_LABEL || text.charAt(labelStart) == '-' || text.charAt(i - 1) == '-') {
                    return -1;
                }
                labels++;
                if (i < end) {
                    labelStart = i + 1;
                }
            }
        }
        if (labels < 2 || !topLevel(text.substring(labelStart, end))) {
            return -1;
        }
        return end;
    }

    private static boolean topLevel(String label) {
        if (label.length() < 2) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            if (!TextScan.isAsciiLetter(label.charAt(i))) {
                return false;
            }
        }
        return !FILE_EXTENSIONS.contains(label.toLowerCase(Locale.ROOT));
    }

    private static boolean isLocalChar(char c) {
        return TextScan.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return TextScan.isAsciiAlnum(c) || c == '.' || c == '-';
    }
}
