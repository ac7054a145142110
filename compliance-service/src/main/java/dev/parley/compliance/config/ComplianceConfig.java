package dev.parley.compliance.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Detection policies, the token vault and field encryption, under {@code parley.compliance.*}. */
@ConfigMapping(prefix = "parley.compliance")
public interface ComplianceConfig {

    /** Default sensitivity: minimal, moderate or strict. */
    @WithDefault("moderate")
    String level();

    /** Default operator: redact, mask, hash or tokenize. */
    @WithDefault("redact")
    String defaultOperator();

    /** Per-tenant policies, keyed by tenant hash. */
    Map<String, TenantPolicy> tenants();

    Vault vault();

    /** Base64 key (32 bytes) from which each tenant's HMAC key for the hash operator is derived. */
    Optional<String> hashKey();

    Crypto crypto();

    /** The relay of the audit outbox streams to Kafka. */
    AuditRelay auditRelay();

    interface AuditRelay {
        /**
         * How often every stream is swept (entries other replicas added, retries after a failed send, reclaims). An
         * entry this replica adds is relayed at once, not at the next sweep.
         */
        @WithDefault("1s")
        Duration every();

        /**
         * How long an entry another relay read may stay unacknowledged before this one takes it over (that relay is
         * presumed dead); longer than a confirmed send may take.
         */
        @WithDefault("60s")
        Duration reclaimAfter();
    }

    interface TenantPolicy {
        Optional<String> level();

        /** Terms never flagged, such as product codes that look like ids. */
        Optional<List<String>> allow();

        /** Terms always flagged, reported as CUSTOM. */
        Optional<List<String>> deny();

        /** Operator per type, e.g. {@code EMAIL=tokenize}. */
        Map<String, String> operators();
    }

    interface Vault {
        /** Base64 AES-256 key encrypting every original kept in the vault. */
        Optional<String> key();

        /** How long a tokenized original stays restorable. */
        @WithDefault("24h")
        Duration ttl();
    }

    interface Crypto {
        /** The key id new ciphertexts are made with. */
        @WithDefault("k1")
        String activeKid();

        /** Base64 AES-256 keys by kid; older kids stay for decryption and re-encryption. */
        Map<String, String> keys();
    }
}
