package dev.parley.platform.audit;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.AuditProducer;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.config.PlatformConfig;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import dev.parley.platform.web.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Records state changes and security decisions in the audit trail with a confirmed send: the returned Uni
 * completes only once Kafka acknowledged the event on all in-sync replicas, and fails with a 503 problem otherwise,
 * so the action it guards must not be reported as done. Services that own PostgreSQL use the transactional outbox
 * instead, where the event commits with the change.
 *
 * <p>Metrics: {@code audited_state_changes_total{action}} counts confirmed events (what the projection must
 * hold), {@code audit_events_failed_total} the ones that could not be confirmed.
 */
@ApplicationScoped
public class AuditPublisher {

    private static final Logger LOG = Logger.getLogger(AuditPublisher.class);
    private static final byte[] CONTENT_TYPE = dev.parley.contracts.events.CloudEventEnvelope.CONTENT_TYPE
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final String UNRECORDED = "The audit trail could not record this action, so it was not carried out.";

    private final PlatformConfig config;
    private final MeterRegistry registry;
    private final Counter failed;
    private final Map<String, Object> kafkaConfig;
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private volatile AuditProducer producer;

    public AuditPublisher(PlatformConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.registry = registry;
        this.kafkaConfig = kafkaConfig;
        this.failed = Counter.builder("audit.events.failed")
                .description("Audit events that Kafka did not acknowledge within the delivery timeout")
                .register(registry);
    }

    /** The event of an action of {@code caller} in this service, now, in the current request. */
    public AuditEvent event(Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        return new AuditEvent(UuidV7.next(), Instant.now(), config.service(), caller.tenantHash(),
                caller.subjectHash(), action, resourceType, resourceId, outcome, ProblemResponses.currentRequestId(), details);
    }

    /** The event of an action the service took on its own (a scheduled job) in a tenant: no actor, no request. */
    public AuditEvent systemEvent(String tenantHash, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        return systemEvent(tenantHash, null, action, resourceType, resourceId, outcome, details);
    }

    /** {@link #systemEvent} about an actor (a hash) that the service decided on outside any request. */
    public AuditEvent systemEvent(String tenantHash, String actor, String action, String resourceType,
            String resourceId, AuditEvent.Outcome outcome, AuditDetails details) {
        return new AuditEvent(UuidV7.next(), Instant.now(), config.service(), tenantHash, actor, action, resourceType,
                resourceId, outcome, null, details);
    }

    /** Records an action of {@code caller}; completes when the event is acknowledged. */
    public Uni<Void> record(Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        return publish(event(caller, action, resourceType, resourceId, outcome, details));
    }

    /**
     * {@link #record} for blocking code (worker threads only): returns once the event is acknowledged, throws the
     * 503 problem otherwise, waiting no longer than the delivery timeout.
     */
    public void recordAndWait(Caller caller, String action, String resourceType, String resourceId,
            AuditEvent.Outcome outcome, AuditDetails details) {
        try {
            record(caller, action, resourceType, resourceId, outcome, details)
                    .await().atMost(config.audit().deliveryTimeout().plusSeconds(2));
        } catch (io.smallrye.mutiny.TimeoutException e) {
            failed.increment();
            throw new ProblemException(ProblemKind.UNAVAILABLE, UNRECORDED);
        }
    }

    /** Publishes a prepared event with a confirmed send. */
    public Uni<Void> publish(AuditEvent event) {
        return publishRecord(record(event), event.action());
    }

    /** The Kafka record of {@code event}, as it goes on the wire (the outbox stores exactly this). */
    public ProducerRecord<String, byte[]> record(AuditEvent event) {
        return producer().record(event);
    }

    /**
     * The record of an event an outbox stored (its key and structured CloudEvent bytes), for {@code topic} (the audit
     * topic when null), with the CloudEvents content type header the producer would have set.
     */
    public ProducerRecord<String, byte[]> storedRecord(String topic, String key, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic == null ? topic() : topic, key, payload);
        record.headers().add("content-type", CONTENT_TYPE);
        return record;
    }

    /**
     * Sends a prepared record with a confirmed send; {@code action} labels the metrics, which count only records of
     * the audit topic (an outbox also relays other events through here).
     */
    public Uni<Void> publishRecord(ProducerRecord<String, byte[]> record, String action) {
        return Uni.createFrom().completionStage(() -> producer().send(record))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItem().invoke(acknowledged -> {
                    lastSuccess.set(Instant.now());
                    if (!record.topic().equals(topic())) {
                        return;
                    }
                    Counter.builder("audited.state.changes")
                            .description("State changes and security decisions recorded in the audit trail, by action")
                            .tag("action", action).register(registry).increment();
                })
                .onFailure().invoke(failure -> {
                    lastFailure.set(Instant.now());
                    failed.increment();
                    LOG.errorf("audit event (%s) was not recorded: %s", action, failure.getMessage());
                })
                .onFailure().transform(failure -> new ProblemException(ProblemKind.UNAVAILABLE, UNRECORDED))
                .replaceWithVoid();
    }

    /**
     * Whether the last send failed, none succeeded since, and that failure is younger than {@code window}: an
     * unready service gets no traffic to prove itself healthy again, so a failure only counts for a while.
     */
    public boolean recentlyFailing(java.time.Duration window) {
        Instant failure = lastFailure.get();
        Instant success = lastSuccess.get();
        return failure != null && (success == null || failure.isAfter(success))
                && failure.isAfter(Instant.now().minus(window));
    }

    public String topic() {
        return config.audit().topic();
    }

    private AuditProducer producer() {
        AuditProducer current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> extra = new HashMap<>();
                    // a request waits for each confirmation: do not hold records back to fill batches
                    extra.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                    kafkaConfig.forEach((key, value) -> {
                        if (ProducerConfig.configNames().contains(key) && !key.equals(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                            extra.put(key, value);
                        }
                    });
                    producer = new AuditProducer(String.valueOf(kafkaConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)),
                            config.audit().topic(), config.service(), config.audit().deliveryTimeout(), extra);
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
