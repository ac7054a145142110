package dev.parley.conversation.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The conversation tokens the browser keeps instead of the conversation:
 * {@code v1.<kid>.<base64url(payload)>.<base64url(HMAC-SHA256(key[kid], "v1.<kid>.<payload>"))>} with the payload
 * {@code {"cid", "th", "sub", "iat", "exp"}} (ARCHITECTURE.md). New tokens are signed with the active key; older keys
 * of the ring still verify. The signature is compared in constant time and checked before the payload is read.
 *
 * <p>Thread-safe. Whether the conversation still exists and belongs to the caller is the caller's check.
 */
public final class ConversationTokens {

    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Map<String, SecretKeySpec> keys;
    private final String activeKid;
    private final Duration lifetime;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    /** The claims of a token. */
    public record Claims(UUID cid, String th, String sub, long iat, long exp) {}

    /** Why a token was refused; names only, safe to log and audit. */
    public enum Rejection { MALFORMED, UNKNOWN_KID, BAD_SIGNATURE, EXPIRED }

    /** A refused token. */
    public static final class InvalidTokenException extends RuntimeException {
        private final Rejection reason;

        InvalidTokenException(Rejection reason) {
            super("conversation token refused: " + reason, null, false, false);
            this.reason = reason;
        }

        public Rejection reason() {
            return reason;
        }
    }

    /**
     * @param keys HMAC keys by key id, each at least 32 bytes
     * @param activeKid the key id new tokens are signed with; must be in {@code keys}
     */
    public ConversationTokens(Map<String, byte[]> keys, String activeKid, Duration lifetime) {
        if (!keys.containsKey(activeKid)) {
            throw new IllegalArgumentException("the active conversation token key '" + activeKid + "' is not configured");
        }
        Map<String, SecretKeySpec> ring = new HashMap<>();
        keys.forEach((kid, key) -> {
            if (key.length < 32) {
                throw new IllegalArgumentException("conversation token key '" + kid + "' is shorter than 32 bytes");
            }
            if (!kid.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("conversation token key id '" + kid + "' must be 1-32 of [A-Za-z0-9_-]");
            }
            ring.put(kid, new SecretKeySpec(key, "HmacSHA256"));
        });
        this.keys = Map.copyOf(ring);
        this.activeKid = activeKid;
        this.lifetime = lifetime;
    }

    /** A token for conversation {@code cid} of tenant {@code tenantHash} and subject {@code subjectHash}. */
    public String issue(UUID cid, String tenantHash, String subjectHash, Instant now) {
        long iat = now.getEpochSecond();
        Claims claims = new Claims(cid, tenantHash, subjectHash, iat, iat + lifetime.toSeconds());
        String payload;
        try {
            payload = ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
        } catch (IOException e) {
            throw new IllegalStateException("token claims did not serialize", e);
        }
        String signed = VERSION + "." + activeKid + "." + payload;
        return signed + "." + ENCODER.encodeToString(sign(activeKid, signed));
    }

    /** The claims of a well-formed, correctly signed, unexpired token; otherwise {@link InvalidTokenException}. */
    public Claims verify(String token, Instant now) {
        if (token == null || token.length() > MAX_LENGTH || !isTokenAlphabet(token)) {
            throw new InvalidTokenException(Rejection.MALFORMED);
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        int third = second < 0 ? -1 : token.indexOf('.', second + 1);
        if (third < 0 || token.indexOf('.', third + 1) >= 0 || !token.startsWith(VERSION + ".") || first != VERSION.length()) {
            throw new InvalidTokenException(Rejection.MALFORMED);
        }
        String kid = token.substring(first + 1, second);
        if (!keys.containsKey(kid)) {
            throw new InvalidTokenException(Rejection.UNKNOWN_KID);
        }
        byte[] signature;
        try {
            signature = DECODER.decode(token.substring(third + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(Rejection.MALFORMED);
        }
        if (!MessageDigest.isEqual(sign(kid, token.substring(0, third)), signature)) {
            throw new InvalidTokenException(Rejection.BAD_SIGNATURE);
        }
        Claims claims;
        try {
            claims = JSON.readValue(DECODER.decode(token.substring(second + 1, third)), Claims.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidTokenException(Rejection.MALFORMED);
        }
        if (claims.cid() == null || claims.th() == null || claims.sub() == null) {
            throw new InvalidTokenException(Rejection.MALFORMED);
        }
        if (claims.exp() <= now.getEpochSecond()) {
            throw new InvalidTokenException(Rejection.EXPIRED);
        }
        return claims;
    }

    /** Base64url and dots only: what is signed is then exactly the characters received. */
    private static boolean isTokenAlphabet(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private byte[] sign(String kid, String signed) {
        Mac mac = macs.get().computeIfAbsent(kid, this::newMac);
        return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac(String kid) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.get(kid));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
