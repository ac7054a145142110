package dev.parley.testing;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/** Tokens for tests: good ones signed with {@link TestJwtKeys}, and the kinds of bad ones a service must refuse. */
public final class TestTokens {

    public static final String ISSUER = "parley-dev";
    public static final String AUDIENCE = "parley";
    public static final String TENANT = "tenant-acme";
    public static final String SUBJECT = "alice@example.test";

    private TestTokens() {}

    /** A valid token for {@link #TENANT}/{@link #SUBJECT} with the role {@code user} and workspace {@code ws-1}. */
    public static String valid() {
        return valid(TENANT, SUBJECT, Set.of("user"), List.of("ws-1"));
    }

    /** A valid token with the given claims. */
    public static String valid(String tenant, String subject, Set<String> roles, List<String> workspaces) {
        return claims(tenant, subject, roles, workspaces).sign(TestJwtKeys.privateKey());
    }

    /** A token that expired an hour ago. */
    public static String expired() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return claims(TENANT, SUBJECT, Set.of("user"), List.of("ws-1"))
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofHours(1)))
                .sign(TestJwtKeys.privateKey());
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String signedByAnotherKey() {
        PrivateKey stranger = TestJwtKeys.newRsaKeyPair().getPrivate();
        return claims(TENANT, SUBJECT, Set.of("user"), List.of("ws-1")).sign(stranger);
    }

    /** A token from another issuer, signed with the trusted key. */
    public static String wrongIssuer() {
        return claims(TENANT, SUBJECT, Set.of("user"), List.of("ws-1")).issuer("https://evil.example").sign(TestJwtKeys.privateKey());
    }

    /** A token for another audience, signed with the trusted key. */
    public static String wrongAudience() {
        return claims(TENANT, SUBJECT, Set.of("user"), List.of("ws-1")).audience("someone-else").sign(TestJwtKeys.privateKey());
    }

    /** A token without the {@code tid} claim, signed with the trusted key. */
    public static String withoutTenant() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(SUBJECT).groups(Set.of("user"))
                .expiresIn(Duration.ofMinutes(5)).sign(TestJwtKeys.privateKey());
    }

    /** The {@code alg: none} attack: a valid-looking token with no signature at all. */
    public static String unsigned() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = base64Url(("{\"iss\":\"%s\",\"aud\":\"%s\",\"sub\":\"%s\",\"tid\":\"%s\",\"groups\":[\"admin\"],"
                + "\"iat\":%d,\"exp\":%d}").formatted(ISSUER, AUDIENCE, SUBJECT, TENANT, now, now + 300));
        return header + "." + payload + ".";
    }

    /** The key-confusion attack: HS256 with the service's own public key as the HMAC secret. */
    public static String hmacWithPublicKey() {
        SecretKeySpec secret = new SecretKeySpec(TestJwtKeys.publicKeyPem(), "HmacSHA256");
        return claims(TENANT, SUBJECT, Set.of("admin"), List.of("ws-1")).jws().algorithm(SignatureAlgorithm.HS256).sign(secret);
    }

    private static JwtClaimsBuilder claims(String tenant, String subject, Set<String> roles, List<String> workspaces) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("tid", tenant).groups(roles)
                .claim("wks", workspaces).expiresIn(Duration.ofMinutes(5));
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
