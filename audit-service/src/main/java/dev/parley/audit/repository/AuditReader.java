package dev.parley.audit.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.audit.domain.AuditFilter;
import dev.parley.audit.domain.AuditRecord;
import dev.parley.audit.domain.Checkpoint;
import dev.parley.audit.domain.StatsRow;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads the projection, always within one tenant. Long reads (export, verify) stream through a server-side
 * cursor, so memory does not grow with the trail.
 */
@ApplicationScoped
public class AuditReader {

    private static final String COLUMNS = """
            seq, event_id, occurred_at, recorded_at, service, tenant_hash, actor, action, resource_type, resource_id,
            outcome, request_id, details::text, prev_hash, hash""";
    private static final int FETCH_SIZE = 1_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public AuditReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Receives rows one at a time; may throw to stop. */
    @FunctionalInterface
    public interface RowSink {
        void accept(AuditRecord record) throws IOException;
    }

    /** Newest first, at most {@code filter.limit() + 1} rows (the extra one tells there is a next page). */
    public List<AuditRecord> page(String tenantHash, AuditFilter filter) throws SQLException {
        Query query = where(tenantHash, filter);
        if (filter.beforeSeq() != null) {
            query.and("seq < ?", filter.beforeSeq());
        }
        List<AuditRecord> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = query.prepare(connection,
                        "SELECT " + COLUMNS + " FROM audit_event WHERE %s ORDER BY seq DESC LIMIT " + (filter.limit() + 1))) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        }
        return rows;
    }

    /** Every matching row, oldest first, streamed. */
    public void stream(String tenantHash, AuditFilter filter, RowSink sink) throws SQLException, IOException {
        Query query = where(tenantHash, filter);
        streamQuery(query, "SELECT " + COLUMNS + " FROM audit_event WHERE %s ORDER BY seq", sink);
    }

    /** Rows {@code fromSeq..toSeq} of a tenant's chain, in order, streamed. */
    public void streamChain(String tenantHash, long fromSeq, long toSeq, RowSink sink) throws SQLException, IOException {
        Query query = new Query().and("tenant_hash = ?", tenantHash).and("seq >= ?", fromSeq).and("seq <= ?", toSeq);
        streamQuery(query, "SELECT " + COLUMNS + " FROM audit_event WHERE %s ORDER BY seq", sink);
    }

    public List<StatsRow> stats(String tenantHash, Instant from, Instant to) throws SQLException {
        Query query = new Query().and("tenant_hash = ?", tenantHash);
        if (from != null) {
            query.and("occurred_at >= ?", Timestamp.from(from));
        }
        if (to != null) {
            query.and("occurred_at < ?", Timestamp.from(to));
        }
        List<StatsRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = query.prepare(connection, """
                        SELECT service, action, outcome, count(*) FROM audit_event WHERE %s
                        GROUP BY service, action, outcome ORDER BY service, action, outcome""");
                ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new StatsRow(result.getString(1), result.getString(2), result.getString(3), result.getLong(4)));
            }
        }
        return rows;
    }

    /** The tenant's chain head: last sequence number and hash, if it has any event. */
    public Optional<Checkpoint> head(String tenantHash) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT last_seq, last_hash FROM audit_chain_head WHERE tenant_hash = ?")) {
            select.setString(1, tenantHash);
            try (ResultSet result = select.executeQuery()) {
                return result.next() && result.getLong(1) > 0
                        ? Optional.of(new Checkpoint(tenantHash, result.getLong(1), result.getString(2), null, null, null))
                        : Optional.empty();
            }
        }
    }

    /** The first and last sequence numbers recorded in {@code [from, to)} (recorded time), if any. */
    public Optional<long[]> seqRange(String tenantHash, Instant from, Instant to) throws SQLException {
        Query query = new Query().and("tenant_hash = ?", tenantHash);
        if (from != null) {
            query.and("recorded_at >= ?", Timestamp.from(from));
        }
        if (to != null) {
            query.and("recorded_at < ?", Timestamp.from(to));
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = query.prepare(connection, "SELECT min(seq), max(seq) FROM audit_event WHERE %s");
                ResultSet result = select.executeQuery()) {
            result.next();
            long first = result.getLong(1);
            return result.wasNull() ? Optional.empty() : Optional.of(new long[] {first, result.getLong(2)});
        }
    }

    /** The stored hash of one record of the chain. */
    public Optional<String> hashAt(String tenantHash, long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT hash FROM audit_event WHERE tenant_hash = ? AND seq = ?")) {
            select.setString(1, tenantHash);
            select.setLong(2, seq);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** Checkpoints of a tenant between two sequence numbers, by sequence number. */
    public TreeMap<Long, Checkpoint> checkpoints(String tenantHash, long fromSeq, long toSeq) throws SQLException {
        TreeMap<Long, Checkpoint> found = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT seq, hash, kid, mac, created_at FROM audit_checkpoint
                        WHERE tenant_hash = ? AND seq BETWEEN ? AND ? ORDER BY seq""")) {
            select.setString(1, tenantHash);
            select.setLong(2, fromSeq);
            select.setLong(3, toSeq);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    found.put(result.getLong(1), new Checkpoint(tenantHash, result.getLong(1), result.getString(2),
                            result.getString(3), result.getString(4), result.getTimestamp(5).toInstant()));
                }
            }
        }
        return found;
    }

    private void streamQuery(Query query, String sql, RowSink sink) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // the PostgreSQL driver only uses a cursor inside a transaction
            try (PreparedStatement select = query.prepare(connection, sql)) {
                select.setFetchSize(FETCH_SIZE);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        sink.accept(row(result));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static Query where(String tenantHash, AuditFilter filter) {
        Query query = new Query().and("tenant_hash = ?", tenantHash);
        if (filter.action() != null) {
            query.and("action = ?", filter.action());
        }
        if (filter.actor() != null) {
            query.and("actor = ?", filter.actor());
        }
        if (filter.resourceType() != null) {
            query.and("resource_type = ?", filter.resourceType());
        }
        if (filter.resourceId() != null) {
            query.and("resource_id = ?", filter.resourceId());
        }
        if (filter.outcome() != null) {
            query.and("outcome = ?", filter.outcome());
        }
        if (filter.from() != null) {
            query.and("occurred_at >= ?", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            query.and("occurred_at < ?", Timestamp.from(filter.to()));
        }
        return query;
    }

    private AuditRecord row(ResultSet result) throws SQLException {
        Map<String, Object> details;
        try {
            details = json.readValue(result.getString(13), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AuditRecord(result.getLong(1), result.getObject(2, UUID.class), result.getTimestamp(3).toInstant(),
                result.getTimestamp(4).toInstant(), result.getString(5), result.getString(6), result.getString(7),
                result.getString(8), result.getString(9), result.getString(10), result.getString(11),
                result.getString(12), details, result.getString(14), result.getString(15));
    }

    /** A WHERE clause built from fixed fragments and bound values: no caller text ever becomes SQL. */
    private static final class Query {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> values = new ArrayList<>();

        Query and(String condition, Object value) {
            conditions.add(condition);
            values.add(value);
            return this;
        }

        PreparedStatement prepare(Connection connection, String template) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(template.formatted(String.join(" AND ", conditions)));
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return statement;
        }
    }
}
