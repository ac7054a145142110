package dev.parley.pipeline;

import dev.parley.platform.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * compliance-service's {@code POST /v1/crypto/encrypt/batch} inside the test application: the pipeline calls it over
 * HTTP with the caller's JWT, as it would call compliance-service, and it really encrypts (AES-256-GCM under a test
 * key, associated data tenant hash and field, compliance's envelope), so tests can decrypt what was stored.
 * {@link #DOWN} makes it answer 503, to prove uploads fail closed.
 */
@Path("/v1/crypto")
@Authenticated
public class ComplianceDouble {

    public static final AtomicBoolean DOWN = new AtomicBoolean();
    public static final AtomicInteger CALLS = new AtomicInteger();
    public static final AtomicInteger LARGEST_BATCH = new AtomicInteger();
    /** The tenant hash of the last caller, from its JWT: the pipeline propagated the caller's own token. */
    public static final AtomicReference<String> LAST_TENANT = new AtomicReference<>();

    private static final SecretKeySpec KEY = new SecretKeySpec(
            "pipeline-test-key-32-bytes-long!".getBytes(StandardCharsets.US_ASCII), "AES");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SecurityIdentity identity;

    public record Item(String field, String plaintext) {}

    public record BatchRequest(List<Item> items) {}

    public record Sealed(String ciphertext) {}

    public record BatchResponse(List<Sealed> items, String kid) {}

    @POST
    @Path("/encrypt/batch")
    public BatchResponse encryptBatch(BatchRequest request) {
        CALLS.incrementAndGet();
        if (DOWN.get()) {
            throw new WebApplicationException(503);
        }
        String tenant = Caller.of(identity).tenantHash();
        LAST_TENANT.set(tenant);
        LARGEST_BATCH.accumulateAndGet(request.items().size(), Math::max);
        return new BatchResponse(request.items().stream()
                .map(item -> new Sealed(encrypt(tenant, item.field(), item.plaintext()))).toList(), "test");
    }

    static String encrypt(String tenantHash, String field, String plaintext) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, KEY, new GCMParameterSpec(128, nonce));
            cipher.updateAAD((tenantHash + "|" + field).getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return "v1.test." + b64.encodeToString(nonce) + "." + b64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts what {@link #encryptBatch} made; fails for another tenant or field. */
    public static String decrypt(String tenantHash, String field, String envelope) {
        String[] parts = envelope.split("\\.");
        Base64.Decoder b64 = Base64.getUrlDecoder();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, b64.decode(parts[2])));
            cipher.updateAAD((tenantHash + "|" + field).getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(b64.decode(parts[3])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not decryptable for this tenant and field", e);
        }
    }
}
