package dev.parley.gateway.ratelimit;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Validates the rate-limit configuration at startup, so that a mistake stops the service instead of a request. */
@Singleton
class RateLimitPoliciesProducer {

    @Produces
    @Singleton
    @Startup
    RateLimitPolicies policies(RateLimitConfig config) {
        return RateLimitPolicies.from(config);
    }
}
