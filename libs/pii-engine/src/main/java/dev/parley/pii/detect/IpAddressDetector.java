package dev.parley.pii.detect;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * IP addresses: IPv4 dotted quads with every octet 0-255, and IPv6 in full, compressed ({@code ::}) and
 * IPv4-embedded ({@code ::ffff:1.2.3.4}) forms. The text is cut into maximal runs of hex digits, colons and dots;
 * each run is judged once as a whole, so {@code 1.2.3.4.5}, {@code E11.9} or {@code 12:30:45} never yield a partial
 * match. A port ({@code 10.0.0.1:8080}) or prefix length ({@code /24}) is left out of the span.
 */
public final class IpAddressDetector implements Detector {

    static final double IPV4 = 0.9;
    static final double IPV6_FULL = 0.9;
    static final double IPV6_COMPRESSED = 0.85;
    /** A dotted quad after "version" or "build" is a version number. */
    static final double VERSION_LIKE = 0.3;

    /** No address is longer than this (IPv6 with an embedded IPv4 is 45); longer runs are dotted lists. */
    private static final int MAX_RUN = 64;
    private static final int CUE_WINDOW = 12;
    private static final List<String> VERSION_CUES = List.of("version", "ver.", "release", "build", "firmware");

    @Override
    public String name() {
        return "ip-address";
    }

    @Override
    public Set<PiiType> types() {
        return Set.of(PiiType.IP_ADDRESS);
    }

    @Override
    public void detect(String text, List<Finding> out) {
        int length = text.length();
        // a run with no dot or colon is no address: look only around the dots and colons
        int dot = text.indexOf('.');
        int colon = text.indexOf(':');
        while (dot >= 0 || colon >= 0) {
            int at = dot < 0 ? colon : colon < 0 ? dot : Math.min(dot, colon);
            int start = at;
            while (start > 0 && isRunChar(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < length && isRunChar(text.charAt(end))) {
                end++;
            }
            judge(text, start, end, out);
            // the dots and colons before the run's end are in it
            if (dot >= 0 && dot < end) {
                dot = text.indexOf('.', end);
            }
            if (colon >= 0 && colon < end) {
                colon = text.indexOf(':', end);
            }
        }
    }

    private void judge(String text, int start, int end, List<Finding> out) {
        // sentence punctuation and label colons around the address are not part of it
        while (start < end && text.charAt(start) == '.') {
            start++;
        }
        if (start + 1 < end && text.charAt(start) == ':' && text.charAt(start + 1) != ':') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '.') {
            end--;
        }
        if (end - 1 > start && text.charAt(end - 1) == ':' && text.charAt(end - 2) != ':') {
            end--;
        }
        if (end - start < 2 || end - start > MAX_RUN || !TextScan.startsWord(text, start)
                || !TextScan.endsWord(text, end)) {
            return;
        }
        boolean colon = false;
        boolean dot = false;
        for (int k = start; k < end; k++) {
            colon |= text.charAt(k) == ':';
            dot |= text.charAt(k) == '.';
        }
        if (colon) {
            int groups = ipv6Groups(text, start, end);
            if (groups > 0) {
                out.add(new Finding(PiiType.IP_ADDRESS, start, end, groups == 8 ? IPV6_FULL : IPV6_COMPRESSED,
                        name()));
                return;
            }
            // not IPv6: an IPv4 with a port, or after a label ("host:10.0.0.1"); a broken "::" form is neither
            if (text.substring(start, end).contains("::")) {
                return;
            }
            int pieceStart = start;
            for (int k = start; k <= end; k++) {
                if (k == end || text.charAt(k) == ':') {
                    if (k > pieceStart && ipv4(text, pieceStart, k)) {
                        report4(text, pieceStart, k, out);
                    }
                    pieceStart = k + 1;
                }
            }
        } else if (dot && ipv4(text, start, end)) {
            report4(text, start, end, out);
        }
    }

    private void report4(String text, int start, int end, List<Finding> out) {
        boolean version = TextScan.cueBefore(text, start, CUE_WINDOW, VERSION_CUES);
        out.add(new Finding(PiiType.IP_ADDRESS, start, end, version ? VERSION_LIKE : IPV4, name()));
    }

    /** Four dot-separated decimal octets, each 0-255 in one to three digits. */
    static boolean ipv4(String text, int start, int end) {
        int octets = 0;
        int octetStart = start;
        for (int k = start; k <= end; k++) {
            if (k == end || text.charAt(k) == '.') {
                int size = k - octetStart;
                if (size < 1 || size > 3 || octets == 4) {
                    return false;
                }
                for (int d = octetStart; d < k; d++) {
                    if (!TextScan.isDigit(text.charAt(d))) {
                        return false;
                    }
                }
                if (TextScan.digitValue(text, octetStart, k) > 255) {
                    return false;
                }
                octets++;
                octetStart = k + 1;
            }
        }
        return octets == 4;
    }

    /**
     * How many 16-bit groups the IPv6 address in {@code [start, end)} spells out (8 for the full form, fewer when
     * {@code ::} stands for the rest), or 0 when it is not an IPv6 address. An embedded IPv4 counts as two groups
     * and may only come last.
     */
    static int ipv6Groups(String text, int start, int end) {
        int compressed = -1;
        for (int k = start; k + 1 < end; k++) {
            if (text.charAt(k) == ':' && text.charAt(k + 1) == ':') {
                if (compressed >= 0) {
                    return 0; // "::" at most once (":::" also lands here)
                }
                compressed = k;
            }
        }
        int groups = 0;
        boolean hexSeen = false;
        int groupStart = start;
        for (int k = start; k <= end; k++) {
            boolean boundary = k == end || text.charAt(k) == ':';
            if (!boundary) {
                continue;
            }
            int size = k - groupStart;
            boolean atCompression = compressed >= 0 && (groupStart == compressed + 2 || k == compressed
                    || k == compressed + 1);
            if (size == 0) {
                // empty groups only next to "::", or at the very start or end of it
                if (!atCompression) {
                    return 0;
                }
            } else if (k == end && containsDot(text, groupStart, k)) {
                if (!ipv4(text, groupStart, k)) {
                    return 0;
                }
                groups += 2;
                hexSeen = true;
            } else {
                if (size > 4) {
                    return 0;
                }
                for (int d = groupStart; d < k; d++) {
                    if (!TextScan.isHexDigit(text.charAt(d))) {
                        return 0;
                    }
                }
                groups++;
                hexSeen = true;
            }
            groupStart = k + 1;
        }
        if (!hexSeen) {
            return 0;
        }
        if (compressed < 0) {
            return groups == 8 ? 8 : 0;
        }
        return groups <= 7 ? groups : 0;
    }

    private static boolean containsDot(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            if (text.charAt(k) == '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean isRunChar(char c) {
        return c < RUN_CHARS.length && RUN_CHARS[c];
    }

    /** Hex digits, colons and dots, by ASCII code. */
    private static final boolean[] RUN_CHARS = runChars();

    private static boolean[] runChars() {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = TextScan.isHexDigit(c) || c == ':' || c == '.';
        }
        return table;
    }
}
