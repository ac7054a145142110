package dev.parley.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.ids.UuidV7;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Against the real local broker (./parley infra); the topic is made per run. */
class AuditProducerTest {

    private static final String BOOTSTRAP = "127.0.0.1:9092";

    @Test
    void insistsOnIdempotentAcksAllDelivery() {
        Map<String, Object> settings = AuditProducer.settings(BOOTSTRAP, "svc", Duration.ofSeconds(10),
                Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
        assertThat(settings).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    }

    @Test
    void confirmedEventsArriveAsCloudEventsKeyedByTenant() throws Exception {
        String topic = "audit-producer-test-" + UuidV7.next();
        AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "svc", "a".repeat(64), "b".repeat(64),
                "thing.created", "thing", "T-1", AuditEvent.Outcome.SUCCESS, "req-9",
                AuditDetails.builder().count("items", 2).build());

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
        RecordMetadata metadata;
        try (AuditProducer producer = new AuditProducer(BOOTSTRAP, topic, "svc", Duration.ofSeconds(20), Map.of())) {
            metadata = producer.sendConfirmed(event);
        }

        ConsumerRecord<String, byte[]> record = readOne(topic, metadata);
        assertThat(record.key()).isEqualTo(event.tenantHash());
        CloudEvent cloudEvent = CloudEventEnvelope.deserialize(record.value());
        assertThat(cloudEvent.getId()).isEqualTo(event.eventId().toString());
        assertThat(cloudEvent.getType()).isEqualTo("dev.parley.audit.thing.created");
        assertThat(CloudEventEnvelope.data(cloudEvent, AuditEvent.class)).isEqualTo(event);
    }

    @Test
    void failsWithinItsDeliveryTimeoutWhenNoBrokerAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AuditEvent event = new AuditEvent(UuidV7.next(), Instant.now(), "svc", "a".repeat(64), null, "thing.created",
                null, null, AuditEvent.Outcome.SUCCESS, null, null);
        try (AuditProducer producer = new AuditProducer("127.0.0.1:" + closedPort, "t", "svc", Duration.ofSeconds(2),
                Map.of())) {
            assertThatThrownBy(() -> producer.sendConfirmed(event)).isInstanceOf(AuditDeliveryException.class);
        }
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic, RecordMetadata metadata) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, metadata.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, metadata.offset());
            for (int i = 0; i < 50; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
        throw new AssertionError("the confirmed event was not found in " + topic);
    }
}
