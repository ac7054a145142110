package dev.parley.contracts.ids;

/**
 * The {@code X-Request-ID} rule of the contract: a caller's id is kept when it is 1-64 characters of
 * {@code [A-Za-z0-9._-]}, otherwise a new one is made.
 */
public final class RequestIds {

    /** The header that carries the request id on every request, response, internal call and event. */
    public static final String HEADER = "X-Request-ID";

    /** The log (MDC) key of the request id. */
    public static final String MDC_KEY = "requestId";

    private static final int MAX_LENGTH = 64;

    private RequestIds() {}

    /** Whether a caller-supplied id may be kept as it is. */
    public static boolean isAcceptable(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The caller's id when acceptable, else a fresh UUIDv7. */
    public static String acceptOrGenerate(String candidate) {
        return isAcceptable(candidate) ? candidate : UuidV7.next().toString();
    }
}
