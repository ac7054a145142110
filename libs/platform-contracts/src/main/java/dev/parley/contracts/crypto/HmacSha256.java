package dev.parley.contracts.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the platform's keyed hash (tenant hashes, derived keys, vault indexes, checkpoint signatures). */
public final class HmacSha256 {

    private HmacSha256() {}

    /** HMAC-SHA256 of {@code data} under {@code key}. */
    public static byte[] of(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code data}. */
    public static String hex(byte[] key, String data) {
        return HexFormat.of().formatHex(of(key, data.getBytes(StandardCharsets.UTF_8)));
    }
}
