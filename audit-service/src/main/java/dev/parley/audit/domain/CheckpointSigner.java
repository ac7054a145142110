package dev.parley.audit.domain;

import dev.parley.contracts.crypto.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Signs and checks checkpoints: {@code mac = HMAC-SHA256(key[kid], tenant_hash "|" seq "|" hash)}. New checkpoints
 * use the active kid; any kid still in the ring verifies. Someone who rewrites the chain without the key cannot
 * produce matching checkpoints.
 */
public final class CheckpointSigner {

    private final String activeKid;
    private final Map<String, byte[]> keys;

    public CheckpointSigner(String activeKid, Map<String, String> ring) {
        this.keys = new java.util.HashMap<>();
        ring.forEach((kid, key) -> {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalArgumentException("checkpoint key " + kid + " is shorter than 32 bytes");
            }
            keys.put(kid, bytes);
        });
        if (!keys.containsKey(activeKid)) {
            throw new IllegalArgumentException("no checkpoint key for the active kid " + activeKid);
        }
        this.activeKid = activeKid;
    }

    public String activeKid() {
        return activeKid;
    }

    public String sign(String tenantHash, long seq, String hash) {
        return mac(keys.get(activeKid), tenantHash, seq, hash);
    }

    /** Whether {@code mac} is right for the checkpoint under {@code kid}; an unknown kid never verifies. */
    public boolean verify(String kid, String tenantHash, long seq, String hash, String mac) {
        byte[] key = keys.get(kid);
        if (key == null || mac == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, tenantHash, seq, hash).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(byte[] key, String tenantHash, long seq, String hash) {
        return HmacSha256.hex(key, tenantHash + "|" + seq + "|" + hash);
    }
}
