package dev.parley.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's routes, upstream behaviour and response headers, under {@code parley.gateway}. */
@ConfigMapping(prefix = "parley.gateway")
public interface GatewayConfig {

    /** Public routes by name; the longest matching prefix wins. */
    Map<String, RouteConfig> routes();

    Breaker breaker();

    Headers headers();

    Upstreams upstreams();

    /** One public route: {@code /api/v1/x/...} goes to {@code <upstream>/v1/x/...}. */
    interface RouteConfig {
        /** The public path prefix, such as {@code /api/v1/conversations}. */
        String prefix();

        /** The upstream's base URL, such as {@code http://127.0.0.1:8081}. */
        String upstream();

        /**
         * What replaces {@code prefix} upstream; by default the prefix without {@code /api} (the contract: services
         * serve the public paths without it).
         */
        Optional<String> upstreamPrefix();

        /** How long the upstream may stay silent (before its answer, or between two chunks of it). */
        @WithDefault("30s")
        Duration timeout();

        /** The largest request body this route takes. */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBody();

        /** Roles of which the caller needs one. */
        @WithDefault("user,analyst,auditor,admin")
        List<String> roles();

        /** The rate-limit group; when absent, {@code read} for GET and HEAD, {@code write} for the rest. */
        Optional<String> rateLimitGroup();
    }

    /** The circuit breaker each upstream has. */
    interface Breaker {
        /** Consecutive failures (no answer, timeout, 502-504) that open it. */
        @WithDefault("5")
        int failures();

        /** How long it stays open before one trial request may pass. */
        @WithDefault("10s")
        Duration openFor();
    }

    /** Security headers on every response. */
    interface Headers {
        @WithDefault("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        String contentSecurityPolicy();

        /** Whether {@code X-Forwarded-Proto: https} from the proxy in front counts as TLS (for HSTS). */
        @WithDefault("false")
        boolean trustForwardedProto();

        @WithDefault("max-age=31536000; includeSubDomains")
        String strictTransportSecurity();
    }

    /** The HTTP client to the upstreams. */
    interface Upstreams {
        /** Connections per upstream. */
        @WithDefault("64")
        int poolSize();

        @WithDefault("2s")
        Duration connectTimeout();
    }
}
