package dev.parley.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.PiiType;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PII detector at the door of the audit trail, at the strict level: every free-form field of an incoming event
 * (action, resource type and id, request id, and each text value of {@code details}) is scanned, and a field with a
 * finding is stored as {@code MASKED} and counted in {@code audit_pii_violations_total}, which should stay at 0:
 * a non-zero value means some service put personal data where only ids belong.
 *
 * <p>The strict level's catch-all for long numbers is left out here: audit records are made of ids such as
 * {@code CASE-000123}, and masking every one of them would empty the trail of meaning.
 */
@ApplicationScoped
public class PiiIngestGuard implements IngestGuard {

    static final List<String> FIELDS = List.of("action", "resourceType", "resourceId", "requestId");

    private final PiiDetector detector = new PiiDetector(Policy.of(Sensitivity.STRICT));
    private final Counter violations;

    public PiiIngestGuard(MeterRegistry registry) {
        this.violations = Counter.builder("audit.pii.violations")
                .description("Audit event fields that carried PII and were stored masked").register(registry);
    }

    @Override
    public String name() {
        return "pii";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public int inspect(ObjectNode eventData) {
        int masked = 0;
        for (String field : FIELDS) {
            JsonNode value = eventData.get(field);
            if (value != null && value.isTextual() && carriesPii(value.asText())) {
                eventData.put(field, DetailsTypeGuard.MASK);
                masked++;
            }
        }
        JsonNode details = eventData.get("details");
        if (details instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            object.properties().forEach(entries::add);
            for (Map.Entry<String, JsonNode> entry : entries) {
                if (entry.getValue().isTextual() && carriesPii(entry.getValue().asText())) {
                    object.set(entry.getKey(), TextNode.valueOf(DetailsTypeGuard.MASK));
                    masked++;
                }
            }
        }
        if (masked > 0) {
            violations.increment(masked);
        }
        return masked;
    }

    private boolean carriesPii(String text) {
        if (text.isEmpty() || text.equals(DetailsTypeGuard.MASK)) {
            return false;
        }
        for (Finding finding : detector.detect(text)) {
            if (finding.type() != PiiType.NUMBER) {
                return true;
            }
        }
        return false;
    }
}
