package dev.parley.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RateLimitKeysTest {

    @Test
    void authenticatedCallersAreKeyedByTenantAndSubject() {
        assertThat(RateLimitKeys.of("ab12", "cd34")).isEqualTo("t:ab12:s:cd34");
    }

    @Test
    void anonymousCallersAreKeyedByAddress() {
        assertThat(RateLimitKeys.ofAddress("203.0.113.7")).isEqualTo("ip:203.0.113.7");
        assertThat(RateLimitKeys.ofAddress("2001:DB8::1")).isEqualTo("ip:2001:db8::1");
        assertThat(RateLimitKeys.ofAddress("fe80::1%eth0")).isEqualTo("ip:fe80::1%eth0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a}b", "{x}", "1.2.3.4, 5.6.7.8", "unknown", "1.2.3.4\r\n"})
    void anythingButAnAddressIsRefused(String notAnAddress) {
        assertThatThrownBy(() -> RateLimitKeys.ofAddress(notAnAddress)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid IP address");
    }

    @Test
    void hashesCannotBreakTheHashTag() {
        assertThatThrownBy(() -> RateLimitKeys.of("a}b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimitKeys.of("ab", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
