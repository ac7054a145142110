package dev.parley.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantHasherTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void matchesAnIndependentHmacSha256() {
        // computed with: printf %s acme | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertThat(TenantHasher.ofSecret(KEY).hash("acme"))
                .isEqualTo("d8ad00265ff0a302d72247bcd296954337283c37fd952e4402787e655458b2ae");
    }

    @Test
    void isStableAndSeparatesTenantsAndKeys() {
        TenantHasher hasher = TenantHasher.ofSecret(KEY);
        assertThat(hasher.hash("acme")).isEqualTo(hasher.hash("acme")).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(hasher.hash("acme")).isNotEqualTo(hasher.hash("acme2"));
        assertThat(TenantHasher.ofSecret(KEY.replace('0', '1')).hash("acme")).isNotEqualTo(hasher.hash("acme"));
    }

    @Test
    void refusesShortKeysAndEmptyValues() {
        assertThatThrownBy(() -> TenantHasher.ofSecret("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantHasher.ofSecret(KEY).hash("")).isInstanceOf(IllegalArgumentException.class);
    }
}
