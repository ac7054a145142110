package dev.parley.platform.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the secrets a service was given are fit for production: present, and not one of the values
 * that ship with the dev and test profiles or that anyone would guess.
 */
public final class SecretsGuard {

    /** Every development secret Parley ships carries this marker, so it can never pass as a real one. */
    public static final String DEV_MARKER = "dev-only";

    private static final Set<String> GUESSABLE = Set.of(
            "parley", "postgres", "password", "changeme", "change-me", "secret", "admin", "test", "dev", "redis");

    private SecretsGuard() {}

    /** One property that is not fit for production, and why. */
    public record Violation(String property, String reason) {
        @Override
        public String toString() {
            return property + " " + reason;
        }
    }

    /** The properties of {@code values} (name to configured value) that production must refuse. */
    public static List<Violation> check(Map<String, Optional<String>> values) {
        List<Violation> violations = new ArrayList<>();
        values.forEach((property, value) -> {
            if (value.isEmpty() || value.get().isBlank()) {
                violations.add(new Violation(property, "is missing"));
            } else if (isDevelopmentValue(value.get())) {
                violations.add(new Violation(property, "is a known development default"));
            }
        });
        violations.sort(java.util.Comparator.comparing(Violation::property));
        return violations;
    }

    /** Keys are often given in base64: a marked development key stays recognisable through that. */
    private static String decodedBase64(String value) {
        try {
            return new String(java.util.Base64.getDecoder().decode(value), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    /** Whether {@code value} is a development default: marked, guessable, or a key from {@code .parley/keys}. */
    public static boolean isDevelopmentValue(String value) {
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        return normalized.contains(DEV_MARKER)
                || decodedBase64(value.trim()).toLowerCase(Locale.ROOT).contains(DEV_MARKER)
                || GUESSABLE.contains(normalized)
                || normalized.replace('\\', '/').contains(".parley/keys/");
    }
}
