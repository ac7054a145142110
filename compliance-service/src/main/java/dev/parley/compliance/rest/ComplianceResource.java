package dev.parley.compliance.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.compliance.domain.FieldCipher;
import dev.parley.compliance.service.Scrubbing;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.compliance.service.TenantPolicies;
import dev.parley.pii.Finding;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.Operator;
import dev.parley.pii.PiiType;
import dev.parley.pii.scrub.Scrubber;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * PII/PHI scanning and scrubbing, tokenization and field encryption for the caller's tenant. Responses never carry
 * an original value, except {@code detokenize} and {@code decrypt}, whose purpose that is.
 *
 * <p>Scrubbing and detokenizing, the agent's calls on every chat turn, run on the event loop with the non-blocking
 * vault (a long text is scanned on a worker thread); the other endpoints run on worker threads.
 */
@Path("/v1")
@Authenticated
@SecurityRequirement(name = "jwt")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ComplianceResource {

    private static final String CONVERSATION_ID = "[A-Za-z0-9-]{1,64}";
    private static final String FIELD = "[A-Za-z][A-Za-z0-9_.]{0,63}";
    /** The most values one batch encrypts (a pipeline upload sends member names and birth dates in batches). */
    static final int MAX_BATCH = 1000;

    private final Scrubbing scrubbing;
    private final FieldCipher cipher;
    private final SecurityIdentity identity;

    public ComplianceResource(Scrubbing scrubbing, FieldCipher cipher, SecurityIdentity identity) {
        this.scrubbing = scrubbing;
        this.cipher = cipher;
        this.identity = identity;
    }

    public record ScanRequest(@NotNull String text, String level) {}

    public record ScanResponse(List<Finding> findings) {}

    public record ScrubRequest(@NotNull String text, String level, String operator,
            @Pattern(regexp = CONVERSATION_ID) String conversationId) {}

    public record ScrubbedFinding(PiiType type, int start, int end, String placeholder) {}

    public record ScrubResponse(String text, List<ScrubbedFinding> findings, Map<PiiType, Integer> stats, String level,
            String operator) {}

    public record PayloadRequest(@NotNull JsonNode json, String level) {}

    public record PayloadResponse(List<Scrubbing.PathFinding> findings) {}

    public record DetokenizeRequest(@NotNull String text, @NotBlank @Pattern(regexp = CONVERSATION_ID) String conversationId) {}

    public record TextResponse(String text) {}

    public record EncryptRequest(@NotBlank @Pattern(regexp = FIELD) String field, @NotNull String plaintext) {}

    public record EncryptBatchRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull EncryptRequest> items) {}

    public record Sealed(String ciphertext) {}

    public record EncryptBatchResponse(List<Sealed> items, String kid) {}

    public record CiphertextRequest(@NotBlank @Pattern(regexp = FIELD) String field, @NotBlank String ciphertext) {}

    public record CiphertextResponse(String ciphertext, String kid) {}

    public record PlaintextResponse(String plaintext) {}

    @POST
    @Path("/scan")
    @Operation(summary = "Find PII/PHI in a text: type, span and score of each finding")
    public ScanResponse scan(@Valid @NotNull ScanRequest body) {
        return new ScanResponse(scrubbing.scan(caller(), body.text(), new Choices(body.level(), null).level()));
    }

    @POST
    @Path("/scrub")
    @Operation(summary = "Replace PII/PHI by the tenant's operators (redact, mask, hash, tokenize); audited")
    @NonBlocking
    public Uni<ScrubResponse> scrub(@Valid @NotNull ScrubRequest body) {
        Choices choices = new Choices(body.level(), body.operator());
        return scrubbing.scrub(caller(), body.text(), choices.level(), choices.operator(), body.conversationId())
                .map(scrubbed -> {
                    Scrubber.Result result = scrubbed.result();
                    return new ScrubResponse(result.text(), result.replacements().stream()
                            .map(r -> new ScrubbedFinding(r.type(), r.start(), r.end(), r.placeholder())).toList(),
                            result.countsByType(), scrubbed.level().name().toLowerCase(java.util.Locale.ROOT),
                            scrubbed.operator().name().toLowerCase(java.util.Locale.ROOT));
                });
    }

    @POST
    @Path("/scan/payload")
    @Operation(summary = "Find PII/PHI in every string of a JSON payload, by JSON path")
    public PayloadResponse scanPayload(@Valid @NotNull PayloadRequest body) {
        return new PayloadResponse(scrubbing.scanPayload(caller(), body.json(), new Choices(body.level(), null).level()));
    }

    @POST
    @Path("/detokenize")
    @Operation(summary = "Restore this conversation's placeholders; other tenants' and conversations' stay")
    @NonBlocking
    public Uni<TextResponse> detokenize(@Valid @NotNull DetokenizeRequest body) {
        return scrubbing.detokenize(caller(), body.text(), body.conversationId()).map(TextResponse::new);
    }

    @POST
    @Path("/crypto/encrypt")
    @Operation(summary = "AES-256-GCM encrypt a field value for this tenant and field")
    public CiphertextResponse encrypt(@Valid @NotNull EncryptRequest body) {
        return new CiphertextResponse(cipher.encrypt(caller().tenantHash(), body.field(), body.plaintext()),
                cipher.activeKid());
    }

    @POST
    @Path("/crypto/encrypt/batch")
    @Operation(summary = "AES-256-GCM encrypt up to 1000 field values for this tenant, in their order, under one kid")
    public EncryptBatchResponse encryptBatch(@Valid @NotNull EncryptBatchRequest body) {
        String tenantHash = caller().tenantHash();
        // the active kid is fixed for the cipher's life, so every item of the batch is under the kid answered
        return new EncryptBatchResponse(body.items().stream()
                .map(item -> new Sealed(cipher.encrypt(tenantHash, item.field(), item.plaintext()))).toList(),
                cipher.activeKid());
    }

    @POST
    @Path("/crypto/decrypt")
    @Operation(summary = "Decrypt a field value of this tenant and field")
    public PlaintextResponse decrypt(@Valid @NotNull CiphertextRequest body) {
        return new PlaintextResponse(undecryptable(() -> cipher.decrypt(caller().tenantHash(), body.field(),
                body.ciphertext())));
    }

    @POST
    @Path("/crypto/reencrypt")
    @Operation(summary = "Re-encrypt a field value under the active key (key rotation)")
    public CiphertextResponse reencrypt(@Valid @NotNull CiphertextRequest body) {
        return new CiphertextResponse(undecryptable(() -> cipher.reencrypt(caller().tenantHash(), body.field(),
                body.ciphertext())), cipher.activeKid());
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    /** The optional level and operator of a request, parsed; every unknown one is named in one 400 problem. */
    private record Choices(Sensitivity level, Operator operator) {
        Choices(String level, String operator) {
            this(parse(level, TenantPolicies::level), parse(operator, Operator::parse));
            List<Problem.FieldError> errors = new java.util.ArrayList<>();
            if (level != null && this.level == null) {
                errors.add(new Problem.FieldError("level", "must be minimal, moderate or strict"));
            }
            if (operator != null && this.operator == null) {
                errors.add(new Problem.FieldError("operator", "must be redact, mask, hash or tokenize"));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemKind.VALIDATION,
                        errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
            }
        }

        private static <T> T parse(String value, java.util.function.Function<String, T> parser) {
            try {
                return value == null ? null : parser.apply(value);
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
    }

    private static <T> T undecryptable(Supplier<T> call) {
        try {
            return call.get();
        } catch (FieldCipher.UndecryptableException e) {
            throw new ProblemException(ProblemKind.UNPROCESSABLE, "The ciphertext cannot be decrypted: " + e.getMessage() + ".");
        }
    }
}
