package dev.parley.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RateLimitPoliciesTest {

    private static final String P = "parley.gateway.rate-limit.";

    @Test
    void theShippedDefaultsAreValidAndMeanWhatTheIssueAsks() throws IOException {
        RateLimitPolicies policies = TestRateLimitConfigs.policies(shippedRateLimitProperties());

        GroupPolicy chat = policies.policy("chat", null);
        assertThat(chat.failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(chat.policyHeader()).isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
        assertThat(chat.limits()).extracting(LimitPolicy::burst).containsExactly(10L, 1000L);
        assertThat(policies.policy("write", null).failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(policies.policy("read", null).failMode()).isEqualTo(FailMode.OPEN);
        assertThat(policies.policy("read", null).policyHeader()).isEqualTo("\"minute\";q=1200;w=60");
        assertThat(policies.hasGroup("admin")).isFalse();
        assertThat(policies.anyFailClosed()).isTrue();
    }

    @Test
    void gcraParametersComeFromCountPeriodAndBurst() {
        LimitPolicy minute = new LimitPolicy("minute", 60, Duration.ofMinutes(1), 10);
        assertThat(minute.intervalMicros()).isEqualTo(1_000_000);
        assertThat(minute.toleranceMicros()).isEqualTo(10_000_000);
        // 1 s / 3 is not whole microseconds: rounding up keeps it at most 3 per second.
        LimitPolicy third = new LimitPolicy("odd", 3, Duration.ofSeconds(1), 3);
        assertThat(third.intervalMicros()).isEqualTo(333_334);
    }

    @Test
    void aTenantOverrideReplacesAllOfTheGroupsLimitsForThatTenantOnly() {
        Map<String, String> config = new HashMap<>(minimal());
        config.put(P + "groups.chat.limits.hour.count", "1000");
        config.put(P + "groups.chat.limits.hour.period", "1h");
        config.put(P + "tenants.abc123.chat.limits.minute.count", "600");
        config.put(P + "tenants.abc123.chat.limits.minute.period", "1m");
        RateLimitPolicies policies = TestRateLimitConfigs.policies(config);

        assertThat(policies.policy("chat", "abc123").policyHeader()).isEqualTo("\"minute\";q=600;w=60");
        assertThat(policies.policy("chat", "abc123").failMode()).isEqualTo(FailMode.CLOSED);
        assertThat(policies.policy("chat", "other").policyHeader())
                .isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
        assertThat(policies.policy("chat", null).policyHeader()).startsWith("\"minute\";q=60;");
        assertThat(policies.limitNames("chat")).containsExactly("hour", "minute");
    }

    @Test
    void everyMistakeIsReportedAtOnceWithItsPropertyName() {
        Map<String, String> config = new HashMap<>(minimal());
        config.put(P + "groups.chat.limits.minute.count", "0");
        config.put(P + "groups.chat.limits.minute.burst", "0");
        config.put(P + "groups.write.limits.minute.count", "5");
        config.put(P + "groups.write.limits.minute.period", "0s");
        config.put(P + "groups.read.limits.minute.count", "5");
        config.put(P + "groups.read.limits.minute.period", "1500ms");
        config.put(P + "groups.Bad_Name.limits.x.count", "5");
        config.put(P + "groups.Bad_Name.limits.x.period", "1m");
        config.put(P + "tenants.abc.nope.limits.minute.count", "5");
        config.put(P + "tenants.abc.nope.limits.minute.period", "1m");

        assertThatThrownBy(() -> TestRateLimitConfigs.policies(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(P + "groups.chat.limits.minute.count must be at least 1 (is 0)")
                .hasMessageContaining(P + "groups.chat.limits.minute.burst must be at least 1 (is 0)")
                .hasMessageContaining(P + "groups.write.limits.minute.period must be positive")
                .hasMessageContaining(P + "groups.read.limits.minute.period must be whole seconds")
                .hasMessageContaining(P + "groups.Bad_Name: a group name is lower case letters, digits and '-'")
                .hasMessageContaining(P + "tenants.abc.nope: no such group");
    }

    @Test
    void aGroupWithoutLimitsIsRefused() {
        Map<String, String> config = new HashMap<>(minimal());
        config.put(P + "groups.empty.fail-mode", "open");
        assertThatThrownBy(() -> TestRateLimitConfigs.policies(config))
                .hasMessageContaining(P + "groups.empty.limits: a group needs at least one limit");
    }

    @Test
    void failModeDefaultsToClosed() {
        assertThat(TestRateLimitConfigs.policies(minimal()).policy("chat", null).failMode())
                .isEqualTo(FailMode.CLOSED);
    }

    private static Map<String, String> minimal() {
        return Map.of(P + "groups.chat.limits.minute.count", "60", P + "groups.chat.limits.minute.period", "1m");
    }

    /** The rate-limit block of the real application.properties. */
    private static Map<String, String> shippedRateLimitProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RateLimitPoliciesTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        Map<String, String> config = new HashMap<>();
        properties.stringPropertyNames().stream().filter(name -> name.startsWith(P))
                .forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
