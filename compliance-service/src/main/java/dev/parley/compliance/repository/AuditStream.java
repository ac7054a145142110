package dev.parley.compliance.repository;

import dev.parley.contracts.audit.AuditEvent;
import dev.parley.platform.audit.AuditPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * This service's audit outbox: Redis streams {@code parley:vault:{v<shard>}:audit-outbox}, one per vault shard, so
 * that an audit event and the vault entries it records share a hash slot and are written by one atomic script
 * ({@link RedisTokenVault}); {@link AuditStreamRelay} publishes the entries to the audit topic and then deletes them.
 * A request is answered once its event is in the stream, without waiting for Kafka: the event is as durable as the
 * vault itself (run Redis with AOF in production, see the README).
 *
 * <p>An entry holds the Kafka record exactly as the audit producer would send it: {@code k} the record key (the
 * tenant hash), {@code a} the action (labels metrics and logs), {@code v} the structured CloudEvent.
 */
@ApplicationScoped
public class AuditStream {

    /** How many shards the vault and its outbox are spread over (each one hash slot in a Redis cluster). */
    public static final int SHARDS = 16;

    static final String KEY = "k";
    static final String ACTION = "a";
    static final String VALUE = "v";

    private final AuditPublisher publisher;

    public AuditStream(AuditPublisher publisher) {
        this.publisher = publisher;
    }

    /** An audit event as it is kept in the stream. */
    public record Entry(String key, String action, String value) {
        /** The stream fields of the entry, in the order XADD takes them. */
        String[] fields() {
            return new String[] {KEY, key, ACTION, action, VALUE, value};
        }
    }

    /** The entry of {@code event}: the very bytes the audit producer sends. */
    public Entry entry(AuditEvent event) {
        ProducerRecord<String, byte[]> record = publisher.record(event);
        return new Entry(record.key(), event.action(), new String(record.value(), StandardCharsets.UTF_8));
    }

    /** The Kafka record of a stored entry. */
    ProducerRecord<String, byte[]> record(Map<String, String> fields) {
        return publisher.storedRecord(null, fields.get(KEY), fields.get(VALUE).getBytes(StandardCharsets.UTF_8));
    }

    /** The hash tag of a shard: every key of the shard's conversations and its outbox stream carries it. */
    static String tag(int shard) {
        return "{v" + shard + "}";
    }

    /** The outbox stream of a shard. */
    public static String streamKey(int shard) {
        return "parley:vault:" + tag(shard) + ":audit-outbox";
    }

    /** The shard of a conversation (or, with a null conversation, of a tenant's scrubs that tokenize nothing). */
    public static int shard(String tenantHash, String conversationId) {
        return Math.floorMod((tenantHash + ":" + conversationId).hashCode(), SHARDS);
    }
}
