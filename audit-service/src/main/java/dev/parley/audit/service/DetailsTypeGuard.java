package dev.parley.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.contracts.audit.AuditDetails;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The producer's rule again, at the receiving end: {@code details} values are numbers, booleans or short codes.
 * A producer that bypassed {@link AuditDetails} (another language, a bug) gets each offending value replaced by
 * {@code MASKED} and each offending key by {@code maskedN}: the event is kept, the possible free text is not.
 */
@ApplicationScoped
public class DetailsTypeGuard implements IngestGuard {

    static final String MASK = "MASKED";

    @Override
    public String name() {
        return "details-type";
    }

    @Override
    public int inspect(ObjectNode eventData) {
        JsonNode details = eventData.get("details");
        if (details == null || details.isNull()) {
            eventData.putObject("details");
            return 0;
        }
        if (!details.isObject()) {
            eventData.putObject("details").put("masked0", MASK);
            return 1;
        }
        int masked = 0;
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        details.properties().forEach(entries::add);
        ObjectNode clean = eventData.putObject("details");
        for (Map.Entry<String, JsonNode> entry : entries) {
            String key = AuditDetails.KEY.matcher(entry.getKey()).matches() ? entry.getKey() : "masked" + masked;
            JsonNode value = entry.getValue();
            boolean allowed = value.isBoolean() || (value.isNumber() && Double.isFinite(value.asDouble()))
                    || (value.isTextual() && AuditDetails.CODE.matcher(value.asText()).matches());
            if (!key.equals(entry.getKey()) || !allowed) {
                masked++;
            }
            if (clean.size() < AuditDetails.MAX_ENTRIES) {
                clean.set(key, allowed ? value : TextNode.valueOf(MASK));
            }
        }
        return masked;
    }
}
