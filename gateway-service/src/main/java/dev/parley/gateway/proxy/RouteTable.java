package dev.parley.gateway.proxy;

import dev.parley.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The configured routes, longest prefix first; checked at start-up. */
@ApplicationScoped
public class RouteTable {

    private final List<Route> routes;

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.routes().entrySet().stream().map(entry -> {
            GatewayConfig.RouteConfig route = entry.getValue();
            return new Route(entry.getKey(), route.prefix(), upstream(entry.getKey(), route.upstream()),
                    route.upstreamPrefix().orElse(route.prefix().substring("/api".length())), route.timeout(),
                    route.maxBody().asLongValue(), new HashSet<>(route.roles()), route.rateLimitGroup().orElse(null));
        }).toList());
    }

    RouteTable(List<Route> routes) {
        for (Route route : routes) {
            if (!route.prefix().startsWith("/api/") || route.prefix().endsWith("/")) {
                throw new IllegalArgumentException("route " + route.name() + ": prefix must start with /api/ and not end with /");
            }
        }
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed()).toList();
    }

    /** The route of {@code path}, the longest prefix that matches. */
    public Optional<Route> find(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<Route> all() {
        return routes;
    }

    private static URI upstream(String name, String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("route " + name + ": upstream must be an http(s) URL, not " + url);
        }
        return uri;
    }
}
