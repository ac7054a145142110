package dev.parley.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the projection consumer runs and its latest batch was stored. */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {

    private final AuditIngestor ingestor;

    public IngestReadiness(AuditIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("audit-ingest").status(ingestor.healthy()).build();
    }
}
