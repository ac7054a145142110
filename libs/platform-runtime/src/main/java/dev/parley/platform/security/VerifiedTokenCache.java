package dev.parley.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.parley.platform.config.PlatformConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser every service verifies bearer tokens with: smallrye-jwt's own, behind a bounded cache of tokens it
 * has already verified. A browser sends the same token with every call, and each call passes the gateway and one or
 * more services, so without the cache every hop repeats the same RS256 signature check and claims parsing.
 *
 * <p>What the cache can and cannot do:
 * <ul>
 *   <li>It is keyed by the exact token text: a token that differs in one character is a miss and is verified in
 *       full. Only verified tokens are kept; a refused one is refused again, in full, every time.</li>
 *   <li>An entry expires at the token's own {@code exp} (without the configured clock skew, which only a full
 *       verification grants), and at the latest {@code parley.jwt.cache.max-age} after it was verified, which bounds
 *       how long a token signed by a key that was since rotated out can still pass.</li>
 *   <li>It holds at most {@code parley.jwt.cache.max-entries} tokens (size-bounded, least recently used out).</li>
 * </ul>
 * Metrics: {@code jwt_verifications_total{result=cached|verified}}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final DefaultJWTParser delegate;
    private final Cache<String, Verified> verified;
    private final Clock clock;
    private final Counter hits;
    private final Counter misses;

    @Inject
    public VerifiedTokenCache(DefaultJWTParser delegate, PlatformConfig config, MeterRegistry registry) {
        this(delegate, config.jwt().cache().maxEntries(), config.jwt().cache().maxAge(), Clock.systemUTC(), registry);
    }

    VerifiedTokenCache(DefaultJWTParser delegate, long maxEntries, Duration maxAge, Clock clock, MeterRegistry registry) {
        this.delegate = delegate;
        this.clock = clock;
        long maxAgeNanos = maxAge.toNanos();
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String token, Verified entry, long now) {
                        return Math.max(0, Math.min(maxAgeNanos, (entry.expiresAtMillis() - clock.millis()) * 1_000_000L));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified entry, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String token, Verified entry, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
        this.hits = Counter.builder("jwt.verifications").description("Bearer tokens accepted, by how")
                .tag("result", "cached").register(registry);
        this.misses = Counter.builder("jwt.verifications").description("Bearer tokens accepted, by how")
                .tag("result", "verified").register(registry);
    }

    /** A verified token and the instant its {@code exp} claim ends it. */
    private record Verified(JsonWebToken token, long expiresAtMillis) {}

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.getIfPresent(token);
        if (known != null && clock.millis() < known.expiresAtMillis()) {
            hits.increment();
            return known.token();
        }
        JsonWebToken parsed = delegate.parse(token);
        misses.increment();
        long expiresAt = parsed.getExpirationTime() * 1000L;
        if (expiresAt > clock.millis()) {
            verified.put(token, new Verified(parsed, expiresAt));
        }
        return parsed;
    }

    /** Verification with another context than the configured one is never cached. */
    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }

    /** How many verified tokens are held now (tests). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
