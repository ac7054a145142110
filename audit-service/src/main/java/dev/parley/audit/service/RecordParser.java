package dev.parley.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a Kafka record into an audit event, or into the reason it is not one. Every guard sees the data before
 * the event is built.
 */
public final class RecordParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private static final int MAX_TEXT = 256;
    private static final java.time.Instant EARLIEST = java.time.Instant.parse("1970-01-01T00:00:00Z");
    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    private final List<IngestGuard> guards;

    public RecordParser(List<IngestGuard> guards) {
        this.guards = List.copyOf(guards);
    }

    /** What came of one record. */
    public sealed interface Parsed permits Accepted, Rejected {}

    /** A valid event; {@code masked} counts, per guard in order, the values that guard masked. */
    public record Accepted(AuditEvent event, int[] masked) implements Parsed {}

    /** Not an audit event; the reason names the rule, never the content. */
    public record Rejected(String reason) implements Parsed {}

    private static boolean isShortPrintable(String text) {
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public Parsed parse(byte[] value) {
        if (value == null) {
            return new Rejected("empty record");
        }
        CloudEvent cloudEvent;
        try {
            cloudEvent = CloudEventEnvelope.deserialize(value);
        } catch (RuntimeException e) {
            return new Rejected("not a structured CloudEvent");
        }
        if (!cloudEvent.getType().startsWith(Topics.AUDIT.type(""))) {
            return new Rejected("not an audit event type");
        }
        if (cloudEvent.getData() == null) {
            return new Rejected("no data");
        }
        ObjectNode data;
        try {
            JsonNode node = MAPPER.readTree(cloudEvent.getData().toBytes());
            if (!(node instanceof ObjectNode object)) {
                return new Rejected("data is not a JSON object");
            }
            data = object;
        } catch (java.io.IOException e) {
            return new Rejected("data is not JSON");
        }
        int[] masked = new int[guards.size()];
        for (int i = 0; i < guards.size(); i++) {
            masked[i] = guards.get(i).inspect(data);
        }
        AuditEvent event;
        try {
            event = MAPPER.treeToValue(data, AuditEvent.class);
        } catch (java.io.IOException | RuntimeException e) {
            return new Rejected("data is not a complete audit event");
        }
        if (!event.eventId().toString().equals(cloudEvent.getId())) {
            return new Rejected("event id differs from the CloudEvent id");
        }
        if (!HASH.matcher(event.tenantHash()).matches() || (event.actor() != null && !HASH.matcher(event.actor()).matches())) {
            return new Rejected("tenant or actor is not a hash");
        }
        // what PostgreSQL cannot store would stop the stream at this record for good: set it aside instead
        String[][] texts = {{"service", event.service()}, {"action", event.action()},
            {"resourceType", event.resourceType()}, {"resourceId", event.resourceId()}, {"requestId", event.requestId()}};
        for (String[] field : texts) {
            if (field[1] != null && !isShortPrintable(field[1])) {
                return new Rejected(field[0] + " is not a short printable text");
            }
        }
        if (event.occurredAt().isBefore(EARLIEST) || event.occurredAt().isAfter(LATEST)) {
            return new Rejected("occurredAt is out of range");
        }
        return new Accepted(event, masked);
    }
}
