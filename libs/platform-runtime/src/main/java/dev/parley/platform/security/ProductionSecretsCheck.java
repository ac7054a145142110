package dev.parley.platform.security;

import dev.parley.platform.config.PlatformConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start a service outside the dev and test profiles while a required secret is missing or is a
 * development default, naming each offending property.
 */
@ApplicationScoped
public class ProductionSecretsCheck {

    private static final Logger LOG = Logger.getLogger(ProductionSecretsCheck.class);
    private static final List<String> RELAXED_PROFILES = List.of("dev", "test");

    private final Config config;
    private final PlatformConfig platform;

    public ProductionSecretsCheck(Config config, PlatformConfig platform) {
        this.config = config;
        this.platform = platform;
    }

    /** Whether the active profiles include dev or test, where development secrets and defaults are allowed. */
    public static boolean isRelaxed(Config config) {
        return config.unwrap(SmallRyeConfig.class).getProfiles().stream().anyMatch(RELAXED_PROFILES::contains);
    }

    void verify(@Observes @Priority(1) StartupEvent event) {
        if (isRelaxed(config)) {
            return;
        }
        List<String> profiles = config.unwrap(SmallRyeConfig.class).getProfiles();
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        for (String property : platform.secrets().required()) {
            values.put(property, config.getOptionalValue(property, String.class));
        }
        List<SecretsGuard.Violation> violations = SecretsGuard.check(values);
        if (!violations.isEmpty()) {
            String message = "Refusing to start " + platform.service() + " with profile " + profiles
                    + ": " + violations;
            LOG.error(message);
            throw new IllegalStateException(message);
        }
    }
}
