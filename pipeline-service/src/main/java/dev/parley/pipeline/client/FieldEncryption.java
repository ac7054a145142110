package dev.parley.pipeline.client;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Encrypts member fields (names, dates of birth) through compliance-service, a batch per call. Fails closed: when
 * compliance cannot answer, or answers with anything but one ciphertext per value, the upload gets a 503 problem and
 * nothing is stored. Timeout, retry and circuit breaker limits are configuration
 * ({@code quarkus.fault-tolerance."dev.parley.pipeline.client.FieldEncryption".*}). Values are never logged.
 */
@ApplicationScoped
public class FieldEncryption {

    private static final String UNAVAILABLE =
            "Member data could not be encrypted (compliance-service is unavailable), so nothing was stored. "
                    + "Try again shortly.";

    private final FieldEncryptionApi compliance;

    public FieldEncryption(@RestClient FieldEncryptionApi compliance) {
        this.compliance = compliance;
    }

    /** One value to encrypt as a compliance-service field such as {@code member.lastName}. */
    public record Plain(String field, String plaintext) {
        @Override
        public String toString() {
            return "Plain[" + field + "]";
        }
    }

    /** The ciphertexts of {@code values}, in their order. */
    @Timeout
    @Retry
    @CircuitBreaker
    @Fallback(fallbackMethod = "unavailable")
    public Uni<List<String>> encrypt(List<Plain> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<FieldEncryptionApi.Item> items = values.stream()
                .map(v -> new FieldEncryptionApi.Item(v.field(), v.plaintext())).toList();
        return compliance.encryptBatch(new FieldEncryptionApi.BatchRequest(items)).map(response -> {
            if (response == null || response.items() == null || response.items().size() != values.size()
                    || response.items().stream().anyMatch(s -> s == null || s.ciphertext() == null
                            || s.ciphertext().isBlank())) {
                throw new IllegalStateException("compliance-service answered a batch with the wrong ciphertexts");
            }
            return response.items().stream().map(FieldEncryptionApi.Sealed::ciphertext).toList();
        });
    }

    Uni<List<String>> unavailable(List<Plain> values) {
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAVAILABLE, UNAVAILABLE));
    }
}
