package dev.parley.compliance.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTopics;
import io.cloudevents.CloudEvent;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay of the Redis audit outbox against the real Redis and Kafka: entries reach the audit topic as the
 * producer would have sent them and leave the stream; an entry a relay read and never acknowledged (it died) is taken
 * over and published by another.
 */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
@TestProfile(AuditStreamRelayTest.QuickReclaim.class)
class AuditStreamRelayTest {

    /** Entries left by a dead relay are taken over after one second instead of a minute. */
    public static class QuickReclaim implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.compliance.audit-relay.reclaim-after", "1s");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    AuditStream auditStream;

    @Inject
    AuditPublisher publisher;

    @BeforeAll
    static void topic() {
        TestTopics.ensureAuditTopic();
    }

    @Test
    void anEntryIsPublishedAsTheProducerWouldSendItAndLeavesTheStream() {
        String tenant = "relay-" + UUID.randomUUID();
        AuditEvent event = event(tenant);
        String stream = AuditStream.streamKey(AuditStream.shard(tenant, null));
        try (KafkaConsumer<String, byte[]> consumer = TestTopics.tailAudit()) {
            String id = redis.execute("XADD", fields(stream, auditStream.entry(event))).toString();

            List<CloudEvent> published = published(consumer, tenant, 1);

            assertThat(published).hasSize(1);
            assertThat(published.get(0).getId()).isEqualTo(event.eventId().toString());
            assertThat(published.get(0).getType()).isEqualTo("dev.parley.audit.pii.scrubbed");
            // acknowledged and deleted right after the confirmed send, which the consumer may see first
            long deadline = System.currentTimeMillis() + 5_000;
            while (redis.execute("XRANGE", stream, id, id).size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(redis.execute("XRANGE", stream, id, id).size()).as("deleted once published").isZero();
        }
    }

    @Test
    void entriesADeadRelayLeftUnacknowledgedAreTakenOver() {
        String tenant = "relay-" + UUID.randomUUID();
        String stream = AuditStream.streamKey(AuditStream.shard(tenant, null));
        List<AuditEvent> events = List.of(event(tenant), event(tenant), event(tenant));
        try (KafkaConsumer<String, byte[]> consumer = TestTopics.tailAudit()) {
            // a relay that read the entries and died before publishing them: added and read in one atomic script, so
            // the live relay never sees them as new
            List<String> args = new ArrayList<>(List.of("""
                    for i = 1, #ARGV, 6 do
                      redis.call('XADD', KEYS[1], '*', ARGV[i], ARGV[i+1], ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5])
                    end
                    return redis.call('XREADGROUP', 'GROUP', 'relay', 'dead-relay', 'COUNT', 1000, 'STREAMS', KEYS[1], '>')
                    """, "1", stream));
            for (AuditEvent event : events) {
                args.addAll(List.of(auditStream.entry(event).fields()));
            }
            ensureGroup(stream);
            redis.execute("EVAL", args.toArray(String[]::new));

            List<CloudEvent> published = published(consumer, tenant, events.size());

            assertThat(published).extracting(CloudEvent::getId)
                    .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.eventId().toString()).toList());
        }
    }

    private void ensureGroup(String stream) {
        try {
            redis.execute("XGROUP", "CREATE", stream, AuditStreamRelay.GROUP, "0", "MKSTREAM");
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private AuditEvent event(String tenant) {
        return publisher.systemEvent(tenant, "pii.scrubbed", "text", null, AuditEvent.Outcome.SUCCESS,
                AuditDetails.builder().count("findings", 1).build());
    }

    private static String[] fields(String stream, AuditStream.Entry entry) {
        List<String> all = new ArrayList<>(List.of(stream, "*"));
        all.addAll(List.of(entry.fields()));
        return all.toArray(String[]::new);
    }

    private static List<CloudEvent> published(KafkaConsumer<String, byte[]> consumer, String tenant, int expected) {
        List<CloudEvent> found = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (found.size() < expected && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (tenant.equals(record.key())) {
                    assertThat(new String(record.headers().lastHeader("content-type").value()))
                            .isEqualTo(CloudEventEnvelope.CONTENT_TYPE);
                    found.add(CloudEventEnvelope.deserialize(record.value()));
                }
            }
        }
        return found;
    }
}
