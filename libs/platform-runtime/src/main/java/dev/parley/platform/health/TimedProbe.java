package dev.parley.platform.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One readiness probe of a dependency, bounded by the readiness timeout: UP when the probe answers in time, DOWN
 * with the failure's type (never its message, which can name hosts) otherwise.
 */
final class TimedProbe {

    private TimedProbe() {}

    static Uni<HealthCheckResponse> run(String name, Duration timeout, Supplier<Uni<?>> probe) {
        return Uni.createFrom().<Object>deferred(() -> probe.get().map(answer -> (Object) answer))
                .ifNoItem().after(timeout).fail()
                .map(answer -> HealthCheckResponse.named(name).up().build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name).down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
