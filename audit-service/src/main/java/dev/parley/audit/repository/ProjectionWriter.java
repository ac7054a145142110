package dev.parley.audit.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.audit.config.ProjectionConfig;
import dev.parley.audit.domain.CheckpointSigner;
import dev.parley.audit.domain.HashChain;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.CanonicalJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a batch of audit events into the projection in one transaction: drops events already stored (by event
 * id), links the rest into their tenant's hash chain under the chain head's row lock, signs checkpoints that fall
 * due, and records rejected Kafka records. Either all of it commits or none of it does.
 */
@ApplicationScoped
public class ProjectionWriter {

    private static final String INSERT_EVENT = """
            INSERT INTO audit_event (tenant_hash, seq, event_id, occurred_at, service, actor, action, resource_type,
                                     resource_id, outcome, request_id, details, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""";

    private final AgroalDataSource dataSource;
    private final CheckpointSigner signer;
    private final int checkpointEveryEvents;
    private final Duration checkpointEvery;
    private final ObjectMapper json = new ObjectMapper();

    public ProjectionWriter(AgroalDataSource dataSource, CheckpointSigner signer, ProjectionConfig config) {
        this.dataSource = dataSource;
        this.signer = signer;
        this.checkpointEveryEvents = config.checkpoint().everyEvents();
        this.checkpointEvery = config.checkpoint().every();
    }

    /** A Kafka record that was not an audit event. */
    public record Rejection(String topic, int partition, long offset, String reason) {}

    /** What one batch did. */
    public record Written(int stored, int duplicates, int checkpoints, int rejected) {}

    private static final class Head {
        long seq;
        String hash;
        int sinceCheckpoint;
        Instant lastCheckpointAt;
    }

    public Written write(List<AuditEvent> events, List<Rejection> rejections) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Written written = write(connection, events, rejections);
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Written write(Connection connection, List<AuditEvent> events, List<Rejection> rejections)
            throws SQLException {
        Map<UUID, AuditEvent> unique = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            unique.putIfAbsent(event.eventId(), CanonicalJson.normalize(event));
        }
        Set<UUID> stored = existing(connection, unique.keySet());
        Map<String, List<AuditEvent>> byTenant = new LinkedHashMap<>();
        for (AuditEvent event : unique.values()) {
            if (!stored.contains(event.eventId())) {
                byTenant.computeIfAbsent(event.tenantHash(), t -> new ArrayList<>()).add(event);
            }
        }
        int fresh = byTenant.values().stream().mapToInt(List::size).sum();
        int checkpoints = 0;
        if (fresh > 0) {
            Map<String, Head> heads = lockHeads(connection, byTenant.keySet());
            Instant now = Instant.now();
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT);
                    PreparedStatement checkpoint = connection.prepareStatement(
                            "INSERT INTO audit_checkpoint (tenant_hash, seq, hash, kid, mac) VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement advance = connection.prepareStatement("""
                            UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, since_checkpoint = ?,
                                   last_checkpoint_at = ? WHERE tenant_hash = ?""")) {
                for (Map.Entry<String, List<AuditEvent>> tenant : byTenant.entrySet()) {
                    Head head = heads.get(tenant.getKey());
                    for (AuditEvent event : tenant.getValue()) {
                        String hash = HashChain.link(head.hash, event);
                        bindEvent(insert, event, head.seq + 1, head.hash, hash);
                        insert.addBatch();
                        head.seq++;
                        head.hash = hash;
                        head.sinceCheckpoint++;
                        if (head.sinceCheckpoint >= checkpointEveryEvents) {
                            checkpoints += addCheckpoint(checkpoint, tenant.getKey(), head, now);
                        }
                    }
                    if (head.sinceCheckpoint > 0 && !head.lastCheckpointAt.plus(checkpointEvery).isAfter(now)) {
                        checkpoints += addCheckpoint(checkpoint, tenant.getKey(), head, now);
                    }
                    advance.setLong(1, head.seq);
                    advance.setString(2, head.hash);
                    advance.setInt(3, head.sinceCheckpoint);
                    advance.setTimestamp(4, Timestamp.from(head.lastCheckpointAt));
                    advance.setString(5, tenant.getKey());
                    advance.addBatch();
                }
                insert.executeBatch();
                if (checkpoints > 0) {
                    checkpoint.executeBatch();
                }
                advance.executeBatch();
            }
        }
        recordRejections(connection, rejections);
        return new Written(fresh, events.size() - fresh, checkpoints, rejections.size());
    }

    /**
     * Signs a checkpoint for every tenant whose newest events are older than the checkpoint period and not yet
     * covered by one, so an idle tenant's tail is sealed too. Heads being written right now are skipped.
     */
    public int sealIdleTenants() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int sealed = 0;
                Instant now = Instant.now();
                try (PreparedStatement due = connection.prepareStatement("""
                                SELECT tenant_hash, last_seq, last_hash FROM audit_chain_head
                                WHERE since_checkpoint > 0 AND last_checkpoint_at <= ? FOR UPDATE SKIP LOCKED""");
                        PreparedStatement checkpoint = connection.prepareStatement(
                                "INSERT INTO audit_checkpoint (tenant_hash, seq, hash, kid, mac) VALUES (?, ?, ?, ?, ?)");
                        PreparedStatement reset = connection.prepareStatement("""
                                UPDATE audit_chain_head SET since_checkpoint = 0, last_checkpoint_at = ?
                                WHERE tenant_hash = ?""")) {
                    due.setTimestamp(1, Timestamp.from(now.minus(checkpointEvery)));
                    try (ResultSet rows = due.executeQuery()) {
                        while (rows.next()) {
                            Head head = new Head();
                            head.seq = rows.getLong(2);
                            head.hash = rows.getString(3);
                            sealed += addCheckpoint(checkpoint, rows.getString(1), head, now);
                            reset.setTimestamp(1, Timestamp.from(now));
                            reset.setString(2, rows.getString(1));
                            reset.addBatch();
                        }
                    }
                    if (sealed > 0) {
                        checkpoint.executeBatch();
                        reset.executeBatch();
                    }
                }
                connection.commit();
                return sealed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int addCheckpoint(PreparedStatement checkpoint, String tenantHash, Head head, Instant now)
            throws SQLException {
        checkpoint.setString(1, tenantHash);
        checkpoint.setLong(2, head.seq);
        checkpoint.setString(3, head.hash);
        checkpoint.setString(4, signer.activeKid());
        checkpoint.setString(5, signer.sign(tenantHash, head.seq, head.hash));
        checkpoint.addBatch();
        head.sinceCheckpoint = 0;
        head.lastCheckpointAt = now;
        return 1;
    }

    private void bindEvent(PreparedStatement insert, AuditEvent event, long seq, String prevHash, String hash)
            throws SQLException {
        insert.setString(1, event.tenantHash());
        insert.setLong(2, seq);
        insert.setObject(3, event.eventId());
        insert.setTimestamp(4, Timestamp.from(event.occurredAt()));
        insert.setString(5, event.service());
        insert.setString(6, event.actor());
        insert.setString(7, event.action());
        insert.setString(8, event.resourceType());
        insert.setString(9, event.resourceId());
        insert.setString(10, event.outcome().wire());
        insert.setString(11, event.requestId());
        try {
            insert.setString(12, json.writeValueAsString(event.details()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("details are plain data", e);
        }
        insert.setString(13, prevHash);
        insert.setString(14, hash);
    }

    private static Set<UUID> existing(Connection connection, Set<UUID> ids) throws SQLException {
        Set<UUID> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id FROM audit_event WHERE event_id = ANY (?)")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return found;
    }

    private static Map<String, Head> lockHeads(Connection connection, Set<String> tenants) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("""
                INSERT INTO audit_chain_head (tenant_hash, last_seq, last_hash, since_checkpoint, last_checkpoint_at)
                VALUES (?, 0, ?, 0, now()) ON CONFLICT (tenant_hash) DO NOTHING""")) {
            for (String tenant : tenants) {
                create.setString(1, tenant);
                create.setString(2, HashChain.GENESIS);
                create.addBatch();
            }
            create.executeBatch();
        }
        Map<String, Head> heads = new HashMap<>();
        try (PreparedStatement lock = connection.prepareStatement("""
                SELECT tenant_hash, last_seq, last_hash, since_checkpoint, last_checkpoint_at FROM audit_chain_head
                WHERE tenant_hash = ANY (?) ORDER BY tenant_hash FOR UPDATE""")) {
            lock.setArray(1, connection.createArrayOf("bpchar", tenants.toArray()));
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    Head head = new Head();
                    head.seq = rows.getLong(2);
                    head.hash = rows.getString(3);
                    head.sinceCheckpoint = rows.getInt(4);
                    head.lastCheckpointAt = rows.getTimestamp(5).toInstant();
                    heads.put(rows.getString(1), head);
                }
            }
        }
        return heads;
    }

    private static void recordRejections(Connection connection, List<Rejection> rejections) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_ingest_rejection (topic, partition_no, record_offset, reason) VALUES (?, ?, ?, ?)
                ON CONFLICT (topic, partition_no, record_offset) DO NOTHING""")) {
            for (Rejection rejection : rejections) {
                insert.setString(1, rejection.topic());
                insert.setInt(2, rejection.partition());
                insert.setLong(3, rejection.offset());
                insert.setString(4, rejection.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
