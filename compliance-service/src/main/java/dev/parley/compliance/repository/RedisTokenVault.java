package dev.parley.compliance.repository;

import dev.parley.contracts.crypto.HmacSha256;
import dev.parley.pii.scrub.Placeholders;
import dev.parley.pii.scrub.TokenVault;
import io.micrometer.core.instrument.Counter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token vault in Redis, under {@code parley:vault:{tenant:conversation}:*} (one hash slot per conversation),
 * every key with the vault's TTL: {@code p:<TYPE>_<n>} holds the original encrypted with AES-256-GCM (associated
 * data: tenant, conversation and placeholder, so a value copied elsewhere does not decrypt); {@code v:<HMAC of type
 * and value>} maps a value back to its placeholder number (never the value itself); {@code n:<TYPE>} numbers the
 * placeholders and lives as long as the newest key of its type.
 *
 * <p>A text costs two round trips to tokenize whatever its number of values (one script numbers them atomically,
 * a second stores the sealed originals of the new ones) and one to restore.
 */
public final class RedisTokenVault implements TokenVault {

    private static final String PREFIX = "parley:vault:";

    /**
     * KEYS[1] the conversation's prefix; ARGV[1] the TTL in ms, then (type, value index) pairs. Returns (number,
     * needs a sealed value) pairs; a placeholder whose value is missing (a crash between the two steps) is sealed
     * again.
     */
    private static final String NUMBER = """
            local base, ttl, out = KEYS[1], ARGV[1], {}
            for i = 2, #ARGV, 2 do
              local kind, index = ARGV[i], base .. 'v:' .. ARGV[i + 1]
              local counter = base .. 'n:' .. kind
              local n = redis.call('GET', index)
              local fresh = 0
              if n then
                redis.call('PEXPIRE', index, ttl)
                if redis.call('PEXPIRE', base .. 'p:' .. kind .. '_' .. n, ttl) == 0 then fresh = 1 end
              else
                n = tostring(redis.call('INCR', counter))
                redis.call('SET', index, n, 'PX', ttl)
                fresh = 1
              end
              redis.call('PEXPIRE', counter, ttl)
              out[#out + 1] = n
              out[#out + 1] = fresh
            end
            return out
            """;

    /** KEYS[1] the conversation's prefix; ARGV[1] the TTL in ms, then (key suffix, value) pairs. */
    private static final String STORE = """
            for i = 2, #ARGV, 2 do
              redis.call('SET', KEYS[1] .. ARGV[i], ARGV[i + 1], 'PX', ARGV[1])
            end
            return #ARGV
            """;

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final SecretKeySpec key;
    private final byte[] indexKey;
    private final String ttlMillis;
    private final SecureRandom random = new SecureRandom();
    private final Counter integrityFailures;

    /** @param integrityFailures counts vault entries that fail to decrypt (tampered, moved, or sealed with another key) */
    public RedisTokenVault(RedisDataSource redis, byte[] vaultKey, Duration ttl, Counter integrityFailures) {
        if (vaultKey.length != 32) {
            throw new IllegalArgumentException("the vault key must be 32 bytes (AES-256)");
        }
        this.redis = redis;
        this.values = redis.value(String.class);
        this.key = new SecretKeySpec(vaultKey, "AES");
        this.indexKey = HmacSha256.of(vaultKey, "vault-index".getBytes(StandardCharsets.UTF_8));
        this.ttlMillis = Long.toString(ttl.toMillis());
        this.integrityFailures = integrityFailures;
    }

    @Override
    public List<String> tokenize(String tenantHash, String conversationId, List<Original> originals) {
        if (originals.isEmpty()) {
            return List.of();
        }
        String base = base(tenantHash, conversationId);
        List<String> numberArgs = new ArrayList<>(List.of(NUMBER, "1", base, ttlMillis));
        for (Original original : originals) {
            numberArgs.add(original.type().name());
            numberArgs.add(HexFormat.of().formatHex(HmacSha256.of(indexKey,
                    (original.type().name() + "\u0000" + original.value()).getBytes(StandardCharsets.UTF_8))));
        }
        Response numbered = eval(numberArgs);
        List<String> placeholders = new ArrayList<>(originals.size());
        List<String> storeArgs = new ArrayList<>(List.of(STORE, "1", base, ttlMillis));
        for (int i = 0; i < originals.size(); i++) {
            Original original = originals.get(i);
            String placeholder = Placeholders.of(original.type(), numbered.get(2 * i).toLong());
            placeholders.add(placeholder);
            if (numbered.get(2 * i + 1).toInteger() == 1) {
                storeArgs.add(valueKey(placeholder));
                storeArgs.add(seal(aad(tenantHash, conversationId, placeholder), original.value()));
            }
        }
        if (storeArgs.size() > 4) {
            eval(storeArgs);
        }
        return placeholders;
    }

    @Override
    public Map<String, String> originals(String tenantHash, String conversationId, Collection<String> placeholders) {
        if (placeholders.isEmpty()) {
            return Map.of();
        }
        String base = base(tenantHash, conversationId);
        List<String> placeholderList = List.copyOf(placeholders);
        Map<String, String> sealed = values.mget(placeholderList.stream().map(p -> base + valueKey(p)).toArray(String[]::new));
        Map<String, String> found = new HashMap<>();
        for (String placeholder : placeholderList) {
            String stored = sealed.get(base + valueKey(placeholder));
            Optional<String> original = stored == null ? Optional.empty()
                    : open(aad(tenantHash, conversationId, placeholder), stored);
            original.ifPresent(value -> found.put(placeholder, value));
        }
        return found;
    }

    private static String base(String tenantHash, String conversationId) {
        return PREFIX + "{" + tenantHash + ":" + conversationId + "}:";
    }

    /** {@code ⟦EMAIL_1⟧} is kept under {@code p:EMAIL_1}. */
    private static String valueKey(String placeholder) {
        return "p:" + placeholder.substring(1, placeholder.length() - 1);
    }

    /** {@code args}: the script, the number of keys (1), the prefix, then the script's arguments. */
    private Response eval(List<String> args) {
        return redis.execute("EVAL", args.toArray(String[]::new));
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

    /**
     * The original, or empty for an entry that fails its integrity check: such a placeholder stays as it is (the
     * caller sees the placeholder, never garbage) and the failure is counted; one bad entry spoils no other.
     */
    private Optional<String> open(byte[] aad, String stored) {
        try {
            String[] parts = stored.split("\\.", 2);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            cipher.updateAAD(aad);
            return Optional.of(new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            integrityFailures.increment();
            return Optional.empty();
        }
    }
}
