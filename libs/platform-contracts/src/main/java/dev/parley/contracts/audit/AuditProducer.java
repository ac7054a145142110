package dev.parley.contracts.audit;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes audit events to {@code parley.audit.v1} as structured CloudEvents keyed by tenant hash, through an
 * idempotent producer ({@code acks=all}, {@code enable.idempotence=true}): the broker keeps each event once even when
 * the producer retries. Retries are bounded by the delivery timeout; past it a send fails instead of hanging.
 *
 * <p>{@link #send} may block for up to the metadata timeout when the cluster is unreachable: call it off event-loop
 * threads.
 */
public final class AuditProducer implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final String service;
    private final Duration deliveryTimeout;

    /**
     * @param bootstrapServers the Kafka cluster
     * @param topic the audit topic ({@code parley.audit.v1} outside tests)
     * @param service the producing service, the events' source
     * @param deliveryTimeout how long one event may take, retries included, before it counts as failed
     * @param extra further producer settings (security, client id); the idempotence settings cannot be overridden
     */
    public AuditProducer(String bootstrapServers, String topic, String service, Duration deliveryTimeout,
            Map<String, Object> extra) {
        this(new KafkaProducer<>(settings(bootstrapServers, service, deliveryTimeout, extra)), topic, service,
                deliveryTimeout);
    }

    AuditProducer(Producer<String, byte[]> producer, String topic, String service, Duration deliveryTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.service = service;
        this.deliveryTimeout = deliveryTimeout;
    }

    /** The producer settings this class insists on, over {@code extra}. */
    static Map<String, Object> settings(String bootstrapServers, String service, Duration deliveryTimeout,
            Map<String, Object> extra) {
        int delivery = (int) deliveryTimeout.toMillis();
        int request = Math.max(1_000, Math.min(30_000, delivery / 2));
        Map<String, Object> settings = new HashMap<>(extra);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "audit-" + service);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        // batching helps bulk senders; a caller waiting for one confirmation may set linger.ms=0
        settings.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(delivery, request + 2));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings;
    }

    /** The record of {@code event}: key tenant hash, value the structured CloudEvent. */
    public ProducerRecord<String, byte[]> record(AuditEvent event) {
        byte[] value = CloudEventEnvelope.serialize(CloudEventEnvelope.wrap(event.eventId(), Topics.AUDIT,
                event.action(), service, event.occurredAt(), event.tenantHash(), event.requestId(), event));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.tenantHash(), value);
        record.headers().add("content-type", CloudEventEnvelope.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends {@code event}; the future completes when the broker acknowledged it on all in-sync replicas. */
    public CompletableFuture<RecordMetadata> send(AuditEvent event) {
        return send(record(event));
    }

    /** Sends a prepared record (an outbox relay sends what was stored). */
    public CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    acknowledged.completeExceptionally(
                            new AuditDeliveryException("audit event not acknowledged: " + failure.getClass().getSimpleName(), failure));
                } else {
                    acknowledged.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(
                    new AuditDeliveryException("audit event not sent: " + e.getClass().getSimpleName(), e));
        }
        return acknowledged;
    }

    /** Sends {@code event} and waits for the acknowledgement, at most the delivery timeout (plus a margin). */
    public RecordMetadata sendConfirmed(AuditEvent event) {
        try {
            return send(event).get(deliveryTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditDeliveryException delivery ? delivery
                    : new AuditDeliveryException("audit event not acknowledged", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditDeliveryException("audit event not acknowledged in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditDeliveryException("interrupted while waiting for the audit acknowledgement", e);
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
