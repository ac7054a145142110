package dev.parley.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;

/**
 * The one byte form of an audit event that its hash covers: JSON with object keys sorted, no insignificant
 * whitespace, nulls written out, instants as ISO-8601 UTC at microsecond precision (what PostgreSQL keeps), so that
 * the same event read back from the projection hashes to the same value.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private CanonicalJson() {}

    /** The event as the projection stores it: occurredAt truncated to microseconds. */
    public static AuditEvent normalize(AuditEvent event) {
        return new AuditEvent(event.eventId(), event.occurredAt().truncatedTo(ChronoUnit.MICROS), event.service(),
                event.tenantHash(), event.actor(), event.action(), event.resourceType(), event.resourceId(),
                event.outcome(), event.requestId(), event.details());
    }

    /** UTF-8 canonical JSON of the normalized event. */
    public static byte[] bytes(AuditEvent event) {
        try {
            return MAPPER.writeValueAsString(normalize(event)).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event is plain data and always serializable", e);
        }
    }
}
