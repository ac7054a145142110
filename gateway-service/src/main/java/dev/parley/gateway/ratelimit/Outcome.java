package dev.parley.gateway.ratelimit;

/** How one rate-limit decision came out. */
public enum Outcome {
    /** Within every limit; recorded. */
    ALLOWED,
    /** Over a limit ({@link Decision#limitHit()}); nothing recorded. */
    DENIED,
    /** Redis unavailable and the group fails open: let through, unlimited. */
    FAIL_OPEN,
    /** Redis unavailable and the group fails closed: refused. */
    FAIL_CLOSED
}
