package dev.parley.contracts.ids;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code tenant_hash = hex(HMAC-SHA256(tenant-key, tid))}: the only form in which a tenant id is stored, logged or
 * used as a key prefix. The same keyed hash turns a subject into the stored owner.
 */
public final class TenantHasher {

    private final SecretKeySpec key;

    /** A hasher with the platform's tenant key; the key must hold at least 32 bytes. */
    public TenantHasher(byte[] tenantKey) {
        if (tenantKey == null || tenantKey.length < 32) {
            throw new IllegalArgumentException("the tenant hash key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(tenantKey.clone(), "HmacSHA256");
    }

    /** A hasher whose key is the UTF-8 bytes of {@code tenantKey}. */
    public static TenantHasher ofSecret(String tenantKey) {
        return new TenantHasher(tenantKey.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stored form of a subject: keyed by its tenant too, so the same login in two tenants is two owners.
     * Length-prefixed so that no (tenant, subject) pair can collide with another.
     */
    public String subjectHash(String tenantId, String subject) {
        return hash(tenantId.length() + ":" + tenantId + "/" + subject);
    }

    /** The lower-case hex HMAC-SHA256 of {@code value}. */
    public String hash(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("nothing to hash");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
