package dev.parley.gateway.security;

import dev.parley.gateway.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every response the gateway writes, its own and proxied ones, set last so an upstream cannot
 * drop them. {@code X-XSS-Protection: 0}: current OWASP advice, since the browsers' XSS auditors were removed and the
 * old filter could itself be abused to blank out parts of a page; the Content-Security-Policy does that job.
 */
@ApplicationScoped
public class SecurityHeaders {

    private final GatewayConfig.Headers config;

    public SecurityHeaders(GatewayConfig config) {
        this.config = config.headers();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 900);
    }

    private void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        boolean tls = ctx.request().isSSL() || (config.trustForwardedProto()
                && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto")));
        response.headersEndHandler(done -> {
            response.headers().set("X-Content-Type-Options", "nosniff")
                    .set("X-Frame-Options", "DENY")
                    .set("Referrer-Policy", "strict-origin-when-cross-origin")
                    .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                    .set("Content-Security-Policy", config.contentSecurityPolicy())
                    .set("X-XSS-Protection", "0");
            if (tls) {
                response.headers().set("Strict-Transport-Security", config.strictTransportSecurity());
            }
        });
        ctx.next();
    }
}
