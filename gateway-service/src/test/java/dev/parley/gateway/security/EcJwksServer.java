package dev.parley.gateway.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token issuer's JWKS endpoint for tests: an ES256 (P-256) key pair made per run, its public half published as a
 * JWKS document over HTTP. The service is configured to verify tokens against that URL with ES256, as a deployment
 * behind an identity provider would be.
 */
public class EcJwksServer implements QuarkusTestResourceLifecycleManager {

    static final String KID = "ec-test-1";
    static final KeyPair KEYS = ecKeyPair();
    static final AtomicInteger FETCHES = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        byte[] jwks = jwks((ECPublicKey) KEYS.getPublic()).getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            FETCHES.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return Map.of(
                "mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json",
                "mp.jwt.verify.publickey.algorithm", "ES256");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwks(ECPublicKey key) {
        return """
                {"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"%s","x":"%s","y":"%s"}]}"""
                .formatted(KID, coordinate(key.getW().getAffineX()), coordinate(key.getW().getAffineY()));
    }

    /** A P-256 coordinate as JWK wants it: exactly 32 bytes, big-endian, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(fixed, 32));
    }
}
