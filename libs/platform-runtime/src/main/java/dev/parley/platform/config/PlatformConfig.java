package dev.parley.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What every Parley service is configured with, under {@code parley.*}. */
@ConfigMapping(prefix = "parley")
public interface PlatformConfig {

    /** The service's short name (gateway, conversation, ...), used in logs, metrics and events. */
    String service();

    /**
     * The repository root when run from a checkout ({@code ./parley up} passes it); dev-profile paths such as the
     * dev JWT key are relative to it. Unused in production.
     */
    Optional<String> home();

    /** Tenant identity settings. */
    Tenant tenant();

    /** Readiness check settings. */
    Readiness readiness();

    /** Publishing audit events. */
    Audit audit();

    /** Distributed tracing. */
    Tracing tracing();

    /** Secrets the production profile refuses to start without. */
    Secrets secrets();

    /** HTTP settings beyond Quarkus' own. */
    Http http();

    /** Bearer token verification beyond smallrye-jwt's own settings. */
    Jwt jwt();

    interface Jwt {
        /** The cache of verified tokens ({@link dev.parley.platform.security.VerifiedTokenCache}). */
        Cache cache();

        interface Cache {
            /** How many verified tokens are kept at most. */
            @WithDefault("10000")
            long maxEntries();

            /**
             * How long a verified token is trusted without a new signature check, at most (it never outlives its
             * {@code exp}): the longest a token signed by a key since rotated out can still pass.
             */
            @WithDefault("5m")
            Duration maxAge();
        }
    }

    interface Http {
        /**
         * Path prefixes whose requests are streamed elsewhere and check their own body limits (the gateway's
         * {@code /api/}); every other request is refused up front when it declares a body over
         * {@code quarkus.http.limits.max-body-size}.
         */
        Optional<List<String>> streamedPrefixes();
    }

    interface Tenant {
        /**
         * Key of {@code tenant_hash = HMAC-SHA256(key, tid)}; at least 32 bytes. The same on every service,
         * different per environment. Required in production.
         */
        Optional<String> hashKey();
    }

    interface Readiness {
        /** How long one readiness probe of a dependency may take before it counts as DOWN. */
        @WithDefault("2s")
        Duration timeout();

        /**
         * Whether readiness probes the service's PostgreSQL database (build time: set it in the application.properties
         * of services that own one).
         */
        @WithDefault("false")
        boolean postgres();
    }

    interface Audit {
        /** The audit topic; tests use their own so they never mix with a running platform's trail. */
        @WithDefault("parley.audit.v1")
        String topic();

        /** How long one audit event may take to be acknowledged, retries included, before the action fails. */
        @WithDefault("10s")
        Duration deliveryTimeout();

        /**
         * Whether this service writes audit events through the transactional outbox (build time; services that own
         * PostgreSQL, with {@code db/audit-outbox} in {@code quarkus.flyway.locations}).
         */
        @WithDefault("false")
        boolean outbox();
    }

    interface Tracing {
        /**
         * OTLP endpoint traces are exported to (e.g. {@code http://otel-collector:4317}); tracing is off while it is
         * unset. See {@link TracingConfigSourceFactory}.
         */
        Optional<String> otlpEndpoint();
    }

    interface Secrets {
        /**
         * Configuration properties that must be set, and not to a known development value, outside the dev and
         * test profiles. Each service lists its own on top of the JWT key and the tenant key.
         */
        @WithDefault("mp.jwt.verify.publickey.location,parley.tenant.hash-key")
        List<String> required();
    }
}
