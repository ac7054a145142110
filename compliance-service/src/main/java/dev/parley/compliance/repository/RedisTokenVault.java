package dev.parley.compliance.repository;

import dev.parley.pii.PiiType;
import dev.parley.pii.scrub.Placeholders;
import dev.parley.pii.scrub.TokenVault;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token vault in Redis, under {@code parley:vault:{tenant}:{conversation}:*}, every key with the vault's TTL:
 * {@code p:<placeholder>} holds the original encrypted with AES-256-GCM (associated data: tenant, conversation and
 * placeholder, so a value copied elsewhere does not decrypt); {@code v:<HMAC of type and value>} maps a value back
 * to its placeholder (never the value itself); {@code n:<TYPE>} numbers the placeholders.
 */
public final class RedisTokenVault implements TokenVault {

    private static final String PREFIX = "parley:vault:";
    private final ValueCommands<String, String> values;
    private final SecretKeySpec key;
    private final byte[] indexKey;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public RedisTokenVault(RedisDataSource redis, byte[] vaultKey, Duration ttl) {
        if (vaultKey.length != 32) {
            throw new IllegalArgumentException("the vault key must be 32 bytes (AES-256)");
        }
        this.values = redis.value(String.class);
        this.key = new SecretKeySpec(vaultKey, "AES");
        this.indexKey = hmac(vaultKey, "vault-index".getBytes(StandardCharsets.UTF_8));
        this.ttl = ttl;
    }

    @Override
    public String tokenize(String tenantHash, String conversationId, PiiType type, String original) {
        String base = PREFIX + tenantHash + ":" + conversationId + ":";
        String indexKeyName = base + "v:" + HexFormat.of().formatHex(
                hmac(indexKey, (type.name() + "\u0000" + original).getBytes(StandardCharsets.UTF_8)));
        String existing = values.get(indexKeyName);
        if (existing != null) {
            values.getex(indexKeyName, new io.quarkus.redis.datasource.value.GetExArgs().px(ttl));
            values.getex(base + "p:" + existing, new io.quarkus.redis.datasource.value.GetExArgs().px(ttl));
            return existing;
        }
        long number = values.incr(base + "n:" + type.name());
        String placeholder = Placeholders.of(type, number);
        values.set(base + "p:" + placeholder, seal(aad(tenantHash, conversationId, placeholder), original),
                new SetArgs().px(ttl));
        // first writer wins: a concurrent tokenize of the same value keeps one placeholder
        String winner = values.setGet(indexKeyName, placeholder, new SetArgs().nx().px(ttl));
        if (winner != null) {
            return winner;
        }
        values.getex(base + "n:" + type.name(), new io.quarkus.redis.datasource.value.GetExArgs().px(ttl));
        return placeholder;
    }

    @Override
    public Optional<String> original(String tenantHash, String conversationId, String placeholder) {
        String sealed = values.get(PREFIX + tenantHash + ":" + conversationId + ":p:" + placeholder);
        return sealed == null ? Optional.empty() : Optional.of(open(aad(tenantHash, conversationId, placeholder), sealed));
    }

    private static byte[] aad(String tenantHash, String conversationId, String placeholder) {
        return (tenantHash + "|" + conversationId + "|" + placeholder).getBytes(StandardCharsets.UTF_8);
    }

    private String seal(byte[] aad, String original) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(original.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(nonce) + "." + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    private String open(byte[] aad, String stored) {
        try {
            String[] parts = stored.split("\\.", 2);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            cipher.updateAAD(aad);
            return new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("a vault entry failed its integrity check", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
