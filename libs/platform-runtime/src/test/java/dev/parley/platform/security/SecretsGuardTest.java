package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsGuardTest {

    @Test
    void namesEveryMissingOrDevelopmentProperty() {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("parley.tenant.hash-key", Optional.of("dev-only-tenant-hash-key-never-in-production"));
        values.put("quarkus.datasource.password", Optional.empty());
        values.put("mp.jwt.verify.publickey.location", Optional.of("/srv/parley/.parley/keys/jwt-public.pem"));
        values.put("mp.jwt.verify.issuer", Optional.of("https://login.example.org"));
        values.put("parley.conversation.token-key", Optional.of("   "));

        List<SecretsGuard.Violation> violations = SecretsGuard.check(values);

        assertThat(violations).extracting(SecretsGuard.Violation::toString).containsExactly(
                "mp.jwt.verify.publickey.location is a known development default",
                "parley.conversation.token-key is missing",
                "parley.tenant.hash-key is a known development default",
                "quarkus.datasource.password is missing");
    }

    @Test
    void acceptsRealValues() {
        assertThat(SecretsGuard.check(Map.of(
                "parley.tenant.hash-key", Optional.of("q8Zr1mV0c6Xw3Lk9Tn2Bp7Hs4Dy5Gf1A"),
                "quarkus.datasource.password", Optional.of("Vx7-correct-horse-battery"),
                "mp.jwt.verify.publickey.location", Optional.of("https://login.example.org/.well-known/jwks.json"))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"parley", "postgres", "PASSWORD", " changeme ", "secret", "Dev-Only-anything",
        "C:\\work\\.parley\\keys\\jwt-public.pem", "ZGV2LW9ubHktdmF1bHQta2V5LTAxMjM0NTY3ODlhYmM="})
    void recognisesDevelopmentValues(String value) {
        assertThat(SecretsGuard.isDevelopmentValue(value)).isTrue();
    }
}
