package dev.parley.gateway.proxy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * A public route: requests under {@code prefix} go to {@code upstream}, the prefix replaced by {@code upstreamPrefix}.
 *
 * @param rateLimitGroup null to choose {@code read} or {@code write} by method
 */
public record Route(String name, String prefix, URI upstream, String upstreamPrefix, Duration timeout, long maxBody,
        Set<String> roles, String rateLimitGroup) {

    /** Whether {@code path} is this route's prefix or below it. */
    boolean matches(String path) {
        return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    /** The upstream path of a public one under this route: by default {@code /api/v1/x} is {@code /v1/x} there. */
    String upstreamPath(String publicPath) {
        return upstreamPrefix + publicPath.substring(prefix.length());
    }

    /** The rate-limit group of a request with {@code method}. */
    String rateLimitGroup(String method) {
        if (rateLimitGroup != null) {
            return rateLimitGroup;
        }
        return method.equals("GET") || method.equals("HEAD") ? "read" : "write";
    }
}
