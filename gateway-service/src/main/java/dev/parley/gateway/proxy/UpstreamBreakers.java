package dev.parley.gateway.proxy;

import dev.parley.gateway.config.GatewayConfig;
import dev.parley.gateway.security.SecurityEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A circuit breaker per upstream (scheme, host and port), made on first use. Metric
 * {@code gateway_upstream_circuit_state{upstream}} (0 closed, 1 half-open, 2 open); each change is logged and
 * audited.
 */
@ApplicationScoped
public class UpstreamBreakers {

    private static final Logger LOG = Logger.getLogger(UpstreamBreakers.class);

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final GatewayConfig.Breaker config;
    private final MeterRegistry registry;
    private final SecurityEvents events;

    public UpstreamBreakers(GatewayConfig config, MeterRegistry registry, SecurityEvents events) {
        this.config = config.breaker();
        this.registry = registry;
        this.events = events;
    }

    public CircuitBreaker of(Route route) {
        // host and port only: an authority could carry user:password@, which must not reach logs or metric labels
        String upstream = route.upstream().getScheme() + "://" + route.upstream().getHost()
                + (route.upstream().getPort() > 0 ? ":" + route.upstream().getPort() : "");
        return breakers.computeIfAbsent(upstream, key -> {
            CircuitBreaker breaker = new CircuitBreaker(key, config.failures(), config.openFor(), System::nanoTime,
                    this::changed);
            Gauge.builder("gateway.upstream.circuit.state", breaker, b -> b.state().ordinal() == 0 ? 0
                            : b.state() == CircuitBreaker.State.HALF_OPEN ? 1 : 2)
                    .description("Circuit breaker per upstream: 0 closed, 1 half-open, 2 open")
                    .tag("upstream", key).register(registry);
            return breaker;
        });
    }

    /** Every breaker made so far and its state. */
    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> states = new TreeMap<>();
        breakers.forEach((upstream, breaker) -> states.put(upstream, breaker.state()));
        return states;
    }

    private void changed(String upstream, CircuitBreaker.State from, CircuitBreaker.State to) {
        LOG.warnf("circuit of upstream %s: %s -> %s", upstream, from, to);
        events.circuitChanged(upstream, to);
    }
}
