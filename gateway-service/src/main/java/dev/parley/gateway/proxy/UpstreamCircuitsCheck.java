package dev.parley.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each upstream's circuit state in the readiness report. Always UP: one upstream being down must not take the whole
 * gateway out of the load balancer, since the other routes still work and this one answers 503 quickly.
 */
@Readiness
@ApplicationScoped
public class UpstreamCircuitsCheck implements HealthCheck {

    private final UpstreamBreakers breakers;

    public UpstreamCircuitsCheck(UpstreamBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("upstream-circuits").up();
        breakers.states().forEach((upstream, state) -> response.withData(upstream, state.name()));
        return response.build();
    }
}
