package dev.parley.audit.config;

import dev.parley.audit.domain.CheckpointSigner;
import dev.parley.audit.service.IngestGuard;
import dev.parley.audit.service.RecordParser;
import dev.parley.platform.security.ProductionSecretsCheck;
import dev.parley.platform.security.SecretsGuard;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/** The audit projection's plain-Java parts, made from configuration. */
public class ProjectionBeans {

    @Produces
    @Singleton
    CheckpointSigner checkpointSigner(ProjectionConfig config, Config raw) {
        boolean relaxed = ProductionSecretsCheck.isRelaxed(raw);
        if (!relaxed) {
            config.checkpoint().keys().forEach((kid, key) -> {
                if (SecretsGuard.isDevelopmentValue(key)) {
                    throw new IllegalStateException("Refusing to start audit: parley.projection.checkpoint.keys." + kid
                            + " is a known development default");
                }
            });
        }
        return new CheckpointSigner(config.checkpoint().activeKid(), config.checkpoint().keys());
    }

    @Produces
    @Singleton
    RecordParser recordParser(Instance<IngestGuard> guards) {
        return new RecordParser(guards.stream().sorted(java.util.Comparator.comparingInt(IngestGuard::order)).toList());
    }
}
