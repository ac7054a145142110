package dev.parley.gateway.ratelimit;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** {@link RateLimitConfig} read from the given properties through the real mapping, without Quarkus. */
final class TestRateLimitConfigs {

    private TestRateLimitConfigs() {}

    static RateLimitConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RateLimitConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(RateLimitConfig.class);
    }

    static RateLimitPolicies policies(Map<String, String> properties) {
        return RateLimitPolicies.from(of(properties));
    }
}
