package dev.parley.platform.health;

import dev.parley.platform.config.PlatformConfig;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the service's own PostgreSQL database answers {@code SELECT 1} within the readiness timeout.
 * Present in services that set {@code parley.readiness.postgres=true} at build time (those that own a database);
 * replaces the built-in datasource checks, which wait up to 20 s.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "parley.readiness.postgres", stringValue = "true")
public class PostgresReadiness implements AsyncHealthCheck {

    static final String NAME = "postgresql";

    private final Pool pool;
    private final PlatformConfig config;

    public PostgresReadiness(Pool pool, PlatformConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return TimedProbe.run(NAME, config.readiness().timeout(),
                () -> pool.query("SELECT 1").execute().map(rows -> rows.size()));
    }
}
