package dev.parley.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * A JWT key pair made for the test run (never committed): the service under test trusts the public half, tests
 * sign with the private half through {@link TestTokens}. Both halves live in {@code target/parley-test-keys} of
 * the module being tested, so the test resource and the tests find the same pair.
 */
public class TestJwtKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "parley-test-keys");
    static final Path PRIVATE = DIR.resolve("jwt-private.pk8");
    static final Path PUBLIC = DIR.resolve("jwt-public.pem");

    @Override
    public Map<String, String> start() {
        ensureKeys();
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC.toAbsolutePath().toString());
    }

    @Override
    public void stop() {
        // the keys stay for the next test class of this module; `mvn clean` removes them
    }

    static synchronized void ensureKeys() {
        if (Files.exists(PRIVATE) && Files.exists(PUBLIC)) {
            return;
        }
        KeyPair pair = newRsaKeyPair();
        try {
            Files.createDirectories(DIR);
            Files.write(PRIVATE, pair.getPrivate().getEncoded());
            Files.writeString(PUBLIC, pem(pair.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey privateKey() {
        ensureKeys();
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(PRIVATE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] publicKeyPem() {
        ensureKeys();
        try {
            return Files.readAllBytes(PUBLIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
