package dev.parley.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The test audit topic, made the way audit-service makes the real one, for tests of services that publish before
 * an audit-service has ever run against this broker.
 */
public final class TestTopics {

    public static final String AUDIT = "parley.audit.v1-test";
    public static final String BOOTSTRAP = "127.0.0.1:9092";

    private TestTopics() {}

    /**
     * A consumer of the test audit topic positioned at its current end, so a test sees only what happens after this
     * call. Close it when done.
     */
    public static KafkaConsumer<String, byte[]> tailAudit() {
        ensureAuditTopic();
        return tail(AUDIT);
    }

    /** A consumer of {@code topic} positioned at its current end. Close it when done. */
    public static KafkaConsumer<String, byte[]> tail(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", BOOTSTRAP,
                "group.id", "test-tail-" + java.util.UUID.randomUUID(), "auto.offset.reset", "latest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(java.time.Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    public static void ensureAuditTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(AUDIT, 3, (short) 1)
                    .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete"))))
                    .all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + AUDIT, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: is ./parley infra up?", e);
        }
    }
}
