package dev.parley.platform.security;

import dev.parley.contracts.ids.TenantHasher;
import dev.parley.platform.config.PlatformConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The platform's one {@link TenantHasher}, keyed by {@code parley.tenant.hash-key}. */
public class TenantHasherProducer {

    @Produces
    @Singleton
    TenantHasher tenantHasher(PlatformConfig config) {
        String key = config.tenant().hashKey()
                .orElseThrow(() -> new IllegalStateException("parley.tenant.hash-key is not configured"));
        return TenantHasher.ofSecret(key);
    }
}
