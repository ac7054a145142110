package dev.parley.compliance.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.compliance.config.ComplianceBeans;
import dev.parley.compliance.repository.AuditStream;
import dev.parley.compliance.repository.AuditStreamRelay;
import dev.parley.compliance.repository.RedisTokenVault;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.crypto.HmacSha256;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.PiiType;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.Operator;
import dev.parley.pii.scrub.Placeholders;
import dev.parley.pii.scrub.Scrubber;
import dev.parley.pii.scrub.TokenVault;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scanning, scrubbing and detokenizing for a caller's tenant. Each scrub is audited with counts per type only,
 * through the Redis audit outbox ({@link AuditStream}).
 * Metrics: {@code pii_findings_total{type}}, {@code pii_scrub_seconds}, {@code pii_bytes_scanned_total}.
 */
@ApplicationScoped
public class Scrubbing {

    private final TenantPolicies policies;
    private final RedisTokenVault vault;
    private final AuditStream auditStream;
    private final AuditStreamRelay relay;
    private final byte[] hashKeyBase;
    private final AuditPublisher audit;
    private final MeterRegistry registry;
    private final Timer scrubTimer;
    private final Counter bytesScanned;
    private final Map<PiiType, Counter> findingsByType = new EnumMap<>(PiiType.class);

    public Scrubbing(TenantPolicies policies, RedisTokenVault vault, AuditStream auditStream, AuditStreamRelay relay,
            ComplianceBeans.HashKeyBase hashKeyBase, AuditPublisher audit, MeterRegistry registry) {
        this.relay = relay;
        this.policies = policies;
        this.vault = vault;
        this.auditStream = auditStream;
        this.hashKeyBase = hashKeyBase.key();
        this.audit = audit;
        this.registry = registry;
        this.scrubTimer = Timer.builder("pii.scrub").description("Time to scan and scrub one text")
                .publishPercentileHistogram().register(registry);
        this.bytesScanned = Counter.builder("pii.bytes.scanned").description("Characters scanned for PII")
                .baseUnit("bytes").register(registry);
        for (PiiType type : PiiType.values()) {
            findingsByType.put(type, Counter.builder("pii.findings").description("PII findings by type")
                    .tag("type", type.name()).register(registry));
        }
    }

    public List<Finding> scan(Caller caller, String text, Sensitivity level) {
        List<Finding> findings = detector(caller, level).detect(text);
        count(text, findings);
        return findings;
    }

    /** A scrubbed text and what was replaced. */
    public record Scrubbed(Scrubber.Result result, Sensitivity level, Operator operator) {}

    /**
     * Texts up to this many characters are scanned on the calling (event-loop) thread: a chat message takes tens of
     * microseconds. Longer ones (up to the 1 MB body limit, tens of milliseconds) are scanned on a worker thread.
     */
    static final int INLINE_SCAN_CHARS = 4096;

    /**
     * Detects, then records the scrub in the audit outbox (counts per type only) in the same Redis script that numbers
     * the values to tokenize, and only then stores their sealed originals: when the trail cannot take the event,
     * nothing was tokenized into the vault.
     */
    public Uni<Scrubbed> scrub(Caller caller, String text, Sensitivity level, Operator operator, String conversationId) {
        Timer.Sample sample = Timer.start(registry);
        Policy policy = policies.policy(caller.tenantHash(), level);
        Operator chosen = policies.defaultOperator(operator);
        Map<PiiType, Operator> operators = policies.operators(caller.tenantHash(), operator);
        PiiDetector detector = policies.detector(policy);
        return detect(detector, text).flatMap(findings -> {
            count(text, findings);
            Scrubber scrubber = new Scrubber(chosen, operators, tenantHashKey(caller.tenantHash()), null,
                    policy.level() == Sensitivity.STRICT);
            List<TokenVault.Original> originals = scrubber.toTokenize(text, findings);
            if (!originals.isEmpty() && conversationId == null) {
                throw new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.",
                        List.of(new Problem.FieldError("conversationId", "is required to tokenize")));
            }
            AuditDetails.Builder details = AuditDetails.builder().kind("level", policy.level()).kind("operator", chosen)
                    .count("findings", findings.size());
            Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
            findings.forEach(f -> counts.merge(f.type(), 1, Integer::sum));
            counts.forEach((type, count) -> details.count(detailKey(type), count));
            AuditStream.Entry entry = auditStream.entry(
                    audit.event(caller, "pii.scrubbed", "text", null, AuditEvent.Outcome.SUCCESS, details.build()));
            Uni<Map<TokenVault.Original, String>> placeholders = originals.isEmpty()
                    ? vault.record(caller.tenantHash(), conversationId, entry).replaceWith(Map.of())
                    : vault.tokenize(caller.tenantHash(), conversationId, originals, entry)
                            .map(numbered -> Scrubber.placeholders(originals, numbered));
            return placeholders
                    .invoke(recorded -> relay.added(AuditStream.shard(caller.tenantHash(), conversationId)))
                    .onFailure(failure -> !(failure instanceof ProblemException))
                    .transform(failure -> new ProblemException(ProblemKind.UNAVAILABLE,
                            "The audit trail could not record this scrub, so it was not carried out."))
                    .map(known -> new Scrubbed(scrubber.scrub(text, findings, known), policy.level(), chosen));
        }).invoke(scrubbed -> sample.stop(scrubTimer));
    }

    /** Restores this tenant's and conversation's placeholders; others stay as they are. */
    public Uni<String> detokenize(Caller caller, String text, String conversationId) {
        return vault.originals(caller.tenantHash(), conversationId, Placeholders.in(text))
                .map(originals -> Placeholders.restore(text, originals));
    }

    private static Uni<List<Finding>> detect(PiiDetector detector, String text) {
        if (text.length() <= INLINE_SCAN_CHARS) {
            return Uni.createFrom().item(() -> detector.detect(text));
        }
        return Uni.createFrom().item(() -> detector.detect(text)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A finding in a JSON payload: where, and what. */
    public record PathFinding(String path, PiiType type, int start, int end, double score) {}

    /** How deep a payload may nest: deeper ones are refused rather than walked. */
    static final int MAX_DEPTH = 64;

    /**
     * Scans every string value (and object key) of a JSON document. A key that holds a finding is named by its
     * position ({@code [#2]}) in every path, so the answer never repeats the value it found.
     */
    public List<PathFinding> scanPayload(Caller caller, JsonNode json, Sensitivity level) {
        PiiDetector detector = detector(caller, level);
        List<PathFinding> found = new ArrayList<>();
        walk(detector, json, "$", 0, found);
        return found;
    }

    private void walk(PiiDetector detector, JsonNode node, String path, int depth, List<PathFinding> out) {
        if (depth > MAX_DEPTH) {
            throw new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.",
                    List.of(new Problem.FieldError("json", "nests deeper than " + MAX_DEPTH + " levels")));
        }
        if (node.isTextual()) {
            List<Finding> findings = detector.detect(node.asText());
            count(node.asText(), findings);
            findings.forEach(f -> out.add(new PathFinding(path, f.type(), f.start(), f.end(), f.score())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(detector, node.get(i), path + "[" + i + "]", depth + 1, out);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            for (int position = 0; fields.hasNext(); position++) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<Finding> inKey = detector.detect(field.getKey());
                count(field.getKey(), inKey);
                String child = path + (inKey.isEmpty() ? "['" + field.getKey().replace("'", "\\'") + "']" : "[#" + position + "]");
                for (Finding f : inKey) {
                    out.add(new PathFinding(child + ".key", f.type(), f.start(), f.end(), f.score()));
                }
                walk(detector, field.getValue(), child, depth + 1, out);
            }
        } else if (node.isNumber() && node.asText().length() >= 5) {
            // numbers can be ids too (an SSN sent as a number): scan their text form
            List<Finding> findings = detector.detect(node.asText());
            count(node.asText(), findings);
            findings.forEach(f -> out.add(new PathFinding(path, f.type(), f.start(), f.end(), f.score())));
        }
    }

    private PiiDetector detector(Caller caller, Sensitivity level) {
        return policies.detector(policies.policy(caller.tenantHash(), level));
    }

    private void count(String text, List<Finding> findings) {
        bytesScanned.increment(text.length());
        for (Finding finding : findings) {
            findingsByType.get(finding.type()).increment();
        }
    }

    /** Each tenant's own HMAC key: HMAC(base key, tenant hash). */
    private byte[] tenantHashKey(String tenantHash) {
        return HmacSha256.of(hashKeyBase, tenantHash.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code CREDIT_CARD} becomes the details key {@code creditCard}. */
    static String detailKey(PiiType type) {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : type.name().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return key.toString();
    }
}
