package dev.parley.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Wraps event records as CloudEvents 1.0 in structured JSON mode ({@code application/cloudevents+json}) and reads
 * them back. The Kafka key of every event is the tenant hash, carried also as the {@code partitionkey}
 * extension so that consumers of the envelope alone can see it.
 */
public final class CloudEventEnvelope {

    /** Media type of a structured-mode CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    /** Extension attribute carrying the partition key (the tenant hash). */
    public static final String PARTITION_KEY = "partitionkey";

    /** Extension attribute carrying the request id. */
    public static final String REQUEST_ID = "requestid";

    private static final EventFormat FORMAT = new JsonFormat();
    private static final ObjectMapper DATA_MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CloudEventEnvelope() {}

    /**
     * A CloudEvent around {@code data} (serialized as JSON).
     *
     * @param id the event id (a UUIDv7)
     * @param topic the topic the event goes to; fixes the type prefix
     * @param name the event name under the topic's prefix
     * @param service the producing service, which becomes the source {@code /parley/<service>}
     * @param tenantHash the partition key
     * @param requestId the request that caused the event, or {@code null}
     */
    public static CloudEvent wrap(UUID id, Topics topic, String name, String service, Instant time, String tenantHash,
            String requestId, Object data) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/parley/" + service))
                .withType(topic.type(name))
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(toJson(data))
                .withExtension(PARTITION_KEY, tenantHash);
        if (requestId != null) {
            builder.withExtension(REQUEST_ID, requestId);
        }
        return builder.build();
    }

    /** The structured-mode JSON bytes of {@code event}. */
    public static byte[] serialize(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** Parses structured-mode JSON bytes back into a CloudEvent. */
    public static CloudEvent deserialize(byte[] bytes) {
        return FORMAT.deserialize(bytes);
    }

    /** Reads an event's JSON data as {@code type}. */
    public static <T> T data(CloudEvent event, Class<T> type) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("event " + event.getId() + " carries no data");
        }
        try {
            return DATA_MAPPER.readValue(event.getData().toBytes(), type);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("event " + event.getId() + " data is not a " + type.getSimpleName(), e);
        }
    }

    private static byte[] toJson(Object data) {
        try {
            return DATA_MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON", e);
        }
    }
}
