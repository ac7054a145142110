package dev.parley.compliance.config;

import dev.parley.compliance.domain.FieldCipher;
import dev.parley.compliance.repository.RedisTokenVault;
import dev.parley.platform.security.ProductionSecretsCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/** The vault and the field cipher, made from configuration. */
public class ComplianceBeans {

    private static final Logger LOG = Logger.getLogger(ComplianceBeans.class);

    @Produces
    @Singleton
    RedisTokenVault tokenVault(ReactiveRedisDataSource redis, ComplianceConfig config, MeterRegistry registry) {
        byte[] key = decode("parley.compliance.vault.key", config.vault().key().orElseThrow(
                () -> new IllegalStateException("parley.compliance.vault.key is not configured")));
        return new RedisTokenVault(redis, key, config.vault().ttl(), Counter.builder("pii.vault.integrity.failures")
                .description("Vault entries that failed to decrypt; their placeholders were left in place").register(registry));
    }

    @Produces
    @Singleton
    FieldCipher fieldCipher(ComplianceConfig config, Config raw) {
        Map<String, byte[]> keys = new HashMap<>();
        config.crypto().keys().forEach((kid, key) -> keys.put(kid, decode("parley.compliance.crypto.keys." + kid, key)));
        boolean relaxed = ProductionSecretsCheck.isRelaxed(raw);
        if (keys.isEmpty() && relaxed) {
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            keys.put(config.crypto().activeKid(), generated);
            LOG.warnf("no field encryption key configured: generated one for kid %s for this run only; values "
                    + "encrypted now cannot be decrypted after a restart. Production refuses to start like this.",
                    config.crypto().activeKid());
        }
        return new FieldCipher(config.crypto().activeKid(), keys);
    }

    /** The tenant HMAC key base for the hash operator. */
    @Produces
    @Singleton
    HashKeyBase hashKeyBase(ComplianceConfig config) {
        return new HashKeyBase(decode("parley.compliance.hash-key", config.hashKey().orElseThrow(
                () -> new IllegalStateException("parley.compliance.hash-key is not configured"))));
    }

    /** Raw bytes of the configured hash key base (32 bytes). */
    public record HashKeyBase(byte[] key) {}

    private static byte[] decode(String property, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(property + " must decode to 32 bytes");
        }
        return key;
    }
}
