package dev.parley.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair STRANGER = rsa();

    private final MovableClock clock = new MovableClock();
    private SimpleMeterRegistry registry;
    private VerifiedTokenCache cache;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        cache = cache(100, Duration.ofMinutes(5));
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() throws ParseException {
        String token = token(KEYS, Duration.ofMinutes(10));

        JsonWebToken first = cache.parse(token);
        JsonWebToken second = cache.parse(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(count("verified")).isEqualTo(1);
        assertThat(count("cached")).isEqualTo(1);
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedInFullAndRefused() throws ParseException {
        String token = token(KEYS, Duration.ofMinutes(10));
        cache.parse(token);
        // a character inside the signature: the last one may carry only padding bits
        int at = token.length() - 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertThatThrownBy(() -> cache.parse(altered)).isInstanceOf(ParseException.class);
        assertThat(count("cached")).isZero();
    }

    @Test
    void refusedTokensAreNeverKept() {
        String forged = token(STRANGER, Duration.ofMinutes(10));

        assertThatThrownBy(() -> cache.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(cache.size()).isZero();
        assertThat(count("cached") + count("verified")).isZero();
    }

    @Test
    void anEntryEndsAtTheTokensExpiry() throws ParseException {
        String token = token(KEYS, Duration.ofSeconds(60));
        cache.parse(token);

        clock.advance(Duration.ofSeconds(61));
        // the cache no longer answers: the parser verifies again (and, by the real clock, still accepts it)
        cache.parse(token);

        assertThat(count("verified")).isEqualTo(2);
        assertThat(count("cached")).isZero();
    }

    @Test
    void anEntryEndsAfterTheMaximumAgeEvenIfTheTokenLivesOn() throws ParseException {
        String token = token(KEYS, Duration.ofHours(1));
        cache.parse(token);
        clock.advance(Duration.ofMinutes(4));
        cache.parse(token);
        clock.advance(Duration.ofMinutes(2));
        cache.parse(token);

        assertThat(count("cached")).isEqualTo(1);
        assertThat(count("verified")).isEqualTo(2);
    }

    @Test
    void theCacheIsBounded() throws ParseException {
        VerifiedTokenCache small = cache(3, Duration.ofMinutes(5));
        for (int i = 0; i < 50; i++) {
            small.parse(token(KEYS, Duration.ofMinutes(10)));
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    private VerifiedTokenCache cache(long maxEntries, Duration maxAge) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KEYS.getPublic(), "parley-dev");
        context.setExpectedAudience(Set.of("parley"));
        return new VerifiedTokenCache(new DefaultJWTParser(context), maxEntries, maxAge, clock, registry);
    }

    private double count(String result) {
        return registry.get("jwt.verifications").tag("result", result).counter().count();
    }

    private static int serial;

    private static String token(KeyPair keys, Duration lifetime) {
        return Jwt.issuer("parley-dev").audience("parley").subject("alice").groups(Set.of("user"))
                .claim("tid", "tenant-a").claim("n", serial++)
                .expiresAt(Instant.now().plus(lifetime)).sign(keys.getPrivate());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves forward; starts at the real time so that tokens' {@code exp} compare sensibly. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
