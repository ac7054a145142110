package dev.parley.gateway.security;

import dev.parley.gateway.config.CorsConfig;
import dev.parley.platform.security.ProductionSecretsCheck;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * CORS comes from {@code parley.cors.allowed-origins} (exact origins, comma-separated, fed to Quarkus' CORS filter).
 * Outside dev and test the gateway refuses to start with a wildcard or pattern among them: any site could then
 * read answers meant for the app.
 */
@ApplicationScoped
public class CorsGuard {

    private final Config config;
    private final CorsConfig cors;

    public CorsGuard(Config config, CorsConfig cors) {
        this.config = config;
        this.cors = cors;
    }

    void verify(@Observes @Priority(2) StartupEvent event) {
        if (ProductionSecretsCheck.isRelaxed(config)) {
            return;
        }
        List<String> refused = refused(cors.allowedOrigins().orElse(List.of()));
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Refusing to start the gateway: parley.cors.allowed-origins must list exact"
                    + " origins, not " + refused);
        }
    }

    /** The entries that are not one exact {@code scheme://host[:port]} origin. */
    static List<String> refused(List<String> origins) {
        return origins.stream().map(String::trim)
                .filter(origin -> !origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?"))
                .toList();
    }
}
