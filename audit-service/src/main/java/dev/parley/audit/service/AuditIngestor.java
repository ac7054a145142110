package dev.parley.audit.service;

import dev.parley.audit.config.ProjectionConfig;
import dev.parley.audit.repository.ProjectionWriter;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.platform.config.PlatformConfig;
import dev.parley.platform.logging.FailureSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The projection consumer: polls the audit topic, writes each batch in one database transaction, and commits the
 * Kafka offsets only after that transaction. A crash anywhere replays at most the uncommitted batch, which the
 * writer recognises by event id: nothing is lost, nothing is stored twice.
 */
@ApplicationScoped
public class AuditIngestor {

    private static final Logger LOG = Logger.getLogger(AuditIngestor.class);
    /** How often tenants whose tail is older than the checkpoint period are sealed. */
    private static final Duration SEAL_PERIOD = Duration.ofSeconds(1);

    private final ProjectionConfig config;
    private final ProjectionWriter writer;
    private final RecordParser parser;
    private final Map<String, Object> kafkaConfig;
    private final String topic;
    private final Counter ingested;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter failedBatches;
    private final Timer lag;
    private final MeterRegistry registry;
    private final List<String> guardNames;
    private volatile boolean running;
    private volatile Instant lastFailure;
    private volatile Instant lastSuccess;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    public AuditIngestor(ProjectionConfig config, ProjectionWriter writer, RecordParser parser,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, PlatformConfig platform,
            MeterRegistry registry, jakarta.enterprise.inject.Instance<IngestGuard> guards) {
        this.config = config;
        this.writer = writer;
        this.parser = parser;
        this.kafkaConfig = kafkaConfig;
        this.topic = platform.audit().topic();
        this.registry = registry;
        this.guardNames = guards.stream().sorted(java.util.Comparator.comparingInt(IngestGuard::order))
                .map(IngestGuard::name).toList();
        this.ingested = Counter.builder("audit.events.ingested").description("Audit events stored in the projection")
                .register(registry);
        this.duplicates = Counter.builder("audit.events.duplicate")
                .description("Audit events received again and not stored twice").register(registry);
        this.rejected = Counter.builder("audit.events.rejected")
                .description("Kafka records on the audit topic that were not audit events").register(registry);
        this.failedBatches = Counter.builder("audit.ingest.batches.failed")
                .description("Batches whose transaction failed and were retried").register(registry);
        this.lag = Timer.builder("audit.ingest.lag")
                .description("From an event's occurredAt to its commit in the projection")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        if (!config.ingest().enabled()) {
            LOG.info("projection consumer disabled");
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("audit-ingest").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            worker.join(10_000);
        }
    }

    /** Whether the consumer runs and its last batch did not fail after the last success. */
    public boolean healthy() {
        Instant failure = lastFailure;
        Instant success = lastSuccess;
        boolean failing = failure != null && (success == null || failure.isAfter(success));
        return !config.ingest().enabled() || (worker != null && worker.isAlive() && !failing);
    }

    private void run() {
        Properties props = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.ingest().group());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-projection");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.ingest().batchSize());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.ingest().fetchMaxWait().toMillis());
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.ingest().fetchMinBytes());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props)) {
            consumer = kafka;
            kafka.subscribe(List.of(topic));
            long nextSeal = System.nanoTime();
            while (running) {
                ConsumerRecords<String, byte[]> records = kafka.poll(config.ingest().pollTimeout());
                if (!records.isEmpty()) {
                    ingest(kafka, records);
                }
                if (System.nanoTime() >= nextSeal) {
                    sealIdleTenants();
                    nextSeal = System.nanoTime() + SEAL_PERIOD.toNanos();
                }
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.errorf("the projection consumer stopped: %s", FailureSummary.of(e));
            lastFailure = Instant.now();
        }
    }

    private void ingest(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records) {
        List<AuditEvent> events = new ArrayList<>(records.count());
        List<ProjectionWriter.Rejection> rejections = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        int[] masked = new int[guardNames.size()];
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            first.putIfAbsent(partition, record.offset());
            next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            switch (parser.parse(record.value())) {
                case RecordParser.Accepted accepted -> {
                    events.add(accepted.event());
                    for (int i = 0; i < masked.length; i++) {
                        masked[i] += accepted.masked()[i];
                    }
                }
                case RecordParser.Rejected rejection -> rejections.add(new ProjectionWriter.Rejection(
                        record.topic(), record.partition(), record.offset(), rejection.reason()));
            }
        }
        try {
            ProjectionWriter.Written written = writer.write(events, rejections);
            kafka.commitSync(next);
            lastSuccess = Instant.now();
            ingested.increment(written.stored());
            duplicates.increment(written.duplicates());
            rejected.increment(written.rejected());
            for (int i = 0; i < masked.length; i++) {
                if (masked[i] > 0) {
                    Counter.builder("audit.ingest.masked").description("Values masked by an ingest guard")
                            .tag("guard", guardNames.get(i)).register(registry).increment(masked[i]);
                }
            }
            Instant committed = Instant.now();
            for (AuditEvent event : events) {
                lag.record(Duration.between(event.occurredAt(), committed).abs());
            }
        } catch (Exception e) {
            lastFailure = Instant.now();
            failedBatches.increment();
            LOG.errorf("audit batch of %d records not stored, will retry: %s", records.count(), FailureSummary.of(e));
            first.forEach(kafka::seek);
            sleep(config.ingest().retryBackoff());
        }
    }

    private void sealIdleTenants() {
        try {
            writer.sealIdleTenants();
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warnf("idle tenants not sealed, will retry: %s", FailureSummary.of(e));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
