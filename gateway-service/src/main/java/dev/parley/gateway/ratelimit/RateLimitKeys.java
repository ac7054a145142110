package dev.parley.gateway.ratelimit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who a request is counted against: tenant and subject for authenticated calls, the client address for the rest.
 * The key becomes a Redis hash tag, so it must not contain braces; both forms here never do.
 */
public final class RateLimitKeys {

    private static final Pattern HASH = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** IPv4, IPv6 (with an optional zone), nothing else. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9_.-]{1,32})?");

    private RateLimitKeys() {}

    /**
     * The key of an authenticated caller.
     *
     * @param tenantHash the verified tenant hash
     * @param subjectHash a hash of the verified subject (never the raw subject: keys are visible to Redis operators)
     */
    public static String of(String tenantHash, String subjectHash) {
        return "t:" + require(tenantHash, HASH, "tenant hash") + ":s:" + require(subjectHash, HASH, "subject hash");
    }

    /**
     * The key of an anonymous caller.
     *
     * @param ip the peer address, or the one a trusted proxy reports; never a raw, caller-supplied header value
     */
    public static String ofAddress(String ip) {
        return "ip:" + require(ip, ADDRESS, "IP address").toLowerCase(Locale.ROOT);
    }

    private static String require(String value, Pattern shape, String what) {
        if (value == null || !shape.matcher(value).matches()) {
            // The value stays out of the message: it may be personal data.
            throw new IllegalArgumentException("invalid " + what);
        }
        return value;
    }
}
