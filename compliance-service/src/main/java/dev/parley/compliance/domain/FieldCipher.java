package dev.parley.compliance.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM field encryption: a random 96-bit nonce per value, associated data {@code tenant_hash|field}, and the
 * envelope {@code v1.<kid>.<nonce>.<ciphertext+tag>} (base64url). A value moved to another tenant or field, or
 * altered in any byte, fails to decrypt: it never yields garbage.
 */
public final class FieldCipher {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final String activeKid;
    private final Map<String, SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();

    /** @param keys kid to raw 32-byte key */
    public FieldCipher(String activeKid, Map<String, byte[]> keys) {
        java.util.HashMap<String, SecretKeySpec> ring = new java.util.HashMap<>();
        keys.forEach((kid, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("encryption key " + kid + " must be 32 bytes (AES-256)");
            }
            if (!kid.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("key id " + kid + " must be 1-32 of [A-Za-z0-9_-]");
            }
            ring.put(kid, new SecretKeySpec(key, "AES"));
        });
        if (!ring.containsKey(activeKid)) {
            throw new IllegalArgumentException("no encryption key for the active kid " + activeKid);
        }
        this.activeKid = activeKid;
        this.keys = Map.copyOf(ring);
    }

    /** Why a value could not be decrypted; the message is safe to show. */
    public static final class UndecryptableException extends RuntimeException {
        UndecryptableException(String message) {
            super(message, null, false, false);
        }
    }

    public String activeKid() {
        return activeKid;
    }

    public String encrypt(String tenantHash, String field, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKid), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(tenantHash, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + "." + activeKid + "." + ENCODE.encodeToString(nonce) + "." + ENCODE.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decrypt(String tenantHash, String field, String envelope) {
        String[] parts = envelope == null ? new String[0] : envelope.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new UndecryptableException("not a v1 ciphertext envelope");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            // echo the id only when it looks like one: the detail must not carry arbitrary caller input
            throw new UndecryptableException(parts[1].matches("[A-Za-z0-9_-]{1,32}") ? "unknown key id " + parts[1]
                    : "unknown key id");
        }
        byte[] nonce;
        byte[] sealed;
        try {
            nonce = DECODE.decode(parts[2]);
            sealed = DECODE.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableException("the envelope is not base64url");
        }
        if (nonce.length != NONCE_BYTES || sealed.length < TAG_BITS / 8) {
            throw new UndecryptableException("the envelope is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(tenantHash, field));
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UndecryptableException("the ciphertext was altered, or belongs to another tenant or field");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Decrypts with whatever kid the envelope names and encrypts again under the active kid. */
    public String reencrypt(String tenantHash, String field, String envelope) {
        return encrypt(tenantHash, field, decrypt(tenantHash, field, envelope));
    }

    private static byte[] aad(String tenantHash, String field) {
        return (tenantHash + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
