package dev.parley.compliance.repository;

import dev.parley.contracts.crypto.HmacSha256;
import dev.parley.pii.scrub.Placeholders;
import dev.parley.pii.scrub.TokenVault.Original;
import dev.parley.platform.redis.LuaScript;
import io.micrometer.core.instrument.Counter;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
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
 * The token vault in Redis, non-blocking. A conversation's keys are
 * {@code parley:vault:{v<shard>}:<tenant>:<conversation>:*} ({@link AuditStream#shard}: the braces put the
 * conversation, and the shard's audit outbox stream, in one hash slot of a Redis cluster), every key with the vault's
 * TTL: {@code p:<TYPE>_<n>} holds the original encrypted with AES-256-GCM (associated data: tenant, conversation and
 * placeholder, so a value copied elsewhere does not decrypt); {@code v:<HMAC of type and value>} maps a value back to
 * its placeholder number (never the value itself); {@code n:<TYPE>} numbers the placeholders and lives as long as the
 * newest key of its type.
 *
 * <p>A text costs two round trips to tokenize whatever its number of values: one script records the audit event in
 * the outbox stream and numbers the values atomically, so no value reaches the vault unrecorded; a second stores
 * the sealed originals of the new ones. Restoring is one {@code MGET}.
 */
public final class RedisTokenVault {

    /**
     * KEYS[1] the conversation's prefix, KEYS[2] the shard's audit outbox stream; ARGV[1] the TTL in ms, ARGV[2..7]
     * the audit entry's fields, then (type, value index) pairs. Returns (number, needs a sealed value) pairs; a
     * placeholder whose value is missing (a crash between the two steps) is sealed again.
     */
    private static final LuaScript NUMBER = new LuaScript("""
            local base, ttl, out = KEYS[1], ARGV[1], {}
            redis.call('XADD', KEYS[2], '*', ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
            for i = 8, #ARGV, 2 do
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
            """);

    /** KEYS[1] the conversation's prefix; ARGV[1] the TTL in ms, then (key suffix, value) pairs. */
    private static final LuaScript STORE = new LuaScript("""
            for i = 2, #ARGV, 2 do
              redis.call('SET', KEYS[1] .. ARGV[i], ARGV[i + 1], 'PX', ARGV[1])
            end
            return #ARGV
            """);

    private final ReactiveRedisDataSource redis;
    private final SecretKeySpec key;
    private final byte[] indexKey;
    private final String ttlMillis;
    private final SecureRandom random = new SecureRandom();
    private final Counter integrityFailures;

    /** @param integrityFailures counts vault entries that fail to decrypt (tampered, moved, or sealed with another key) */
    public RedisTokenVault(ReactiveRedisDataSource redis, byte[] vaultKey, Duration ttl, Counter integrityFailures) {
        if (vaultKey.length != 32) {
            throw new IllegalArgumentException("the vault key must be 32 bytes (AES-256)");
        }
        this.redis = redis;
        this.key = new SecretKeySpec(vaultKey, "AES");
        this.indexKey = HmacSha256.of(vaultKey, "vault-index".getBytes(StandardCharsets.UTF_8));
        this.ttlMillis = Long.toString(ttl.toMillis());
        this.integrityFailures = integrityFailures;
    }

    /**
     * Records {@code audit} in the conversation's outbox stream and gives each original its placeholder (existing or
     * new, such as {@code ⟦EMAIL_1⟧}), in the same order. The same original in the same conversation always gets the
     * same placeholder.
     */
    public Uni<List<String>> tokenize(String tenantHash, String conversationId, List<Original> originals,
            AuditStream.Entry audit) {
        int shard = AuditStream.shard(tenantHash, conversationId);
        String base = base(shard, tenantHash, conversationId);
        List<String> numberArgs = new ArrayList<>(List.of("2", base, AuditStream.streamKey(shard), ttlMillis));
        numberArgs.addAll(List.of(audit.fields()));
        for (Original original : originals) {
            numberArgs.add(original.type().name());
            numberArgs.add(HexFormat.of().formatHex(HmacSha256.of(indexKey,
                    (original.type().name() + "\u0000" + original.value()).getBytes(StandardCharsets.UTF_8))));
        }
        return NUMBER.run(redis, numberArgs).flatMap(numbered -> {
            List<String> placeholders = new ArrayList<>(originals.size());
            List<String> storeArgs = new ArrayList<>(List.of("1", base, ttlMillis));
            for (int i = 0; i < originals.size(); i++) {
                Original original = originals.get(i);
                String placeholder = Placeholders.of(original.type(), numbered.get(2 * i).toLong());
                placeholders.add(placeholder);
                if (numbered.get(2 * i + 1).toInteger() == 1) {
                    storeArgs.add(valueKey(placeholder));
                    storeArgs.add(seal(aad(tenantHash, conversationId, placeholder), original.value()));
                }
            }
            Uni<Response> stored = storeArgs.size() > 3 ? STORE.run(redis, storeArgs) : Uni.createFrom().nullItem();
            // the sealed originals go in only after the audit event and the numbers are in
            return stored.replaceWith(placeholders);
        });
    }

    /** Records {@code audit} in the outbox stream of the conversation's shard (one round trip). */
    public Uni<Void> record(String tenantHash, String conversationId, AuditStream.Entry audit) {
        return tokenize(tenantHash, conversationId, List.of(), audit).replaceWithVoid();
    }

    /** The originals behind those {@code placeholders} this tenant's conversation knows; unknown ones are absent. */
    public Uni<Map<String, String>> originals(String tenantHash, String conversationId, Collection<String> placeholders) {
        if (placeholders.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String base = base(AuditStream.shard(tenantHash, conversationId), tenantHash, conversationId);
        List<String> placeholderList = List.copyOf(placeholders);
        String[] keys = placeholderList.stream().map(p -> base + valueKey(p)).toArray(String[]::new);
        return redis.execute("MGET", keys).map(sealed -> {
            Map<String, String> found = new HashMap<>();
            for (int i = 0; i < placeholderList.size(); i++) {
                Response stored = sealed.get(i);
                String placeholder = placeholderList.get(i);
                Optional<String> original = stored == null ? Optional.empty()
                        : open(aad(tenantHash, conversationId, placeholder), stored.toString());
                original.ifPresent(value -> found.put(placeholder, value));
            }
            return found;
        });
    }

    /** The key prefix of a conversation: {@code parley:vault:{v<shard>}:<tenant>:<conversation>:}. */
    static String base(int shard, String tenantHash, String conversationId) {
        return "parley:vault:" + AuditStream.tag(shard) + ":" + tenantHash + ":" + conversationId + ":";
    }

    /** {@code ⟦EMAIL_1⟧} is kept under {@code p:EMAIL_1}. */
    private static String valueKey(String placeholder) {
        return "p:" + placeholder.substring(1, placeholder.length() - 1);
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
