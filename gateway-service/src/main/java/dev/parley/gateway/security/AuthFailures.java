package dev.parley.gateway.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/** Why a token was refused, as a fixed code for metrics and the audit trail: never anything of the token itself. */
public final class AuthFailures {

    private AuthFailures() {}

    /** {@code expired}, {@code wrong_issuer}, {@code wrong_audience}, {@code bad_signature}, {@code bad_algorithm}, {@code not_yet_valid} or {@code invalid}. */
    public static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException jwt) {
                return reason(jwt);
            }
            if (cause instanceof org.jose4j.lang.InvalidAlgorithmException) {
                return "bad_algorithm";
            }
        }
        return "invalid";
    }

    private static String reason(InvalidJwtException jwt) {
        if (jwt.hasExpired()) {
            return "expired";
        }
        if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID) || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "wrong_issuer";
        }
        if (jwt.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || jwt.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "wrong_audience";
        }
        if (jwt.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "bad_signature";
        }
        if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID) || jwt.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "not_yet_valid";
        }
        String message = String.valueOf(jwt.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("algorithm") || message.contains("alg ") ? "bad_algorithm" : "invalid";
    }
}
