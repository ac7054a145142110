package dev.parley.gateway.ratelimit;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The application's own groups (chat, write, read) plus groups whose periods are long enough that nothing refills
 * while a test runs, and a tenant override of chat.
 */
public class RateLimitTestProfile implements QuarkusTestProfile {

    /** A tenant hash with its own chat limits: 600 per minute, burst 100, no hourly limit. */
    static final String GOLD_TENANT = "feedc0de";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        // A busy build machine must not turn slow answers into fail-closed decisions; timeouts are tested separately.
        config.put("parley.gateway.rate-limit.redis-timeout", "10s");
        limit(config, "groups.test-burst", "steady", 60, "1h", 5);
        limit(config, "groups.test-windows", "short", 3, "1h", 3);
        limit(config, "groups.test-windows", "long", 5, "1d", 5);
        limit(config, "groups.test-exact", "total", 100, "30d", null);
        limit(config, "tenants." + GOLD_TENANT + ".chat", "minute", 600, "1m", 100);
        return config;
    }

    private static void limit(Map<String, String> config, String at, String name, int count, String period,
            Integer burst) {
        String prefix = "parley.gateway.rate-limit." + at + ".limits." + name + ".";
        config.put(prefix + "count", Integer.toString(count));
        config.put(prefix + "period", period);
        if (burst != null) {
            config.put(prefix + "burst", burst.toString());
        }
    }
}
