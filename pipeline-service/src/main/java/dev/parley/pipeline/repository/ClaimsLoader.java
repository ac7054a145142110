package dev.parley.pipeline.repository;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.pipeline.domain.CsvColumn;
import dev.parley.pipeline.domain.CsvRowError;
import dev.parley.pipeline.domain.CsvSchema;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.security.Caller;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk-loads one upload over JDBC in one transaction: the valid rows are {@code COPY}ed, as they are parsed, into a
 * temporary staging table that keeps their line numbers; keys repeated in the file or already stored in the
 * workspace are then found with set-based SQL and reported by line; the rows go to their table with one
 * {@code INSERT ... SELECT}, and the upload record, the workspace's reprocessing flag and the audit event join the
 * same transaction. Closing a load that was not committed rolls all of it back, so a refused upload stores nothing.
 *
 * <p>Keys already stored are looked for in full only when they are likely (the first thousand staged keys hit some):
 * otherwise the insert goes ahead and the unique key reports a stored one, which costs a rolled-back insert in the
 * rare case and saves a join of the whole file against the table in the common one.
 *
 * <p>JDBC (Agroal, the datasource Flyway uses) rather than the reactive client, because the PostgreSQL driver's
 * {@code CopyManager} streams rows at wire speed and the whole load is blocking work on a worker thread anyway.
 */
@ApplicationScoped
public class ClaimsLoader {

    private static final int FLUSH_CHARS = 256 * 1024;
    private static final String UNIQUE_VIOLATION = "23505";

    private final AgroalDataSource dataSource;
    private final AuditOutbox outbox;

    public ClaimsLoader(AgroalDataSource dataSource, AuditOutbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * The database failed (unreachable, no connection free in time, a broken copy). Its message never carries the
     * server's, which can quote values.
     */
    public static final class StorageException extends RuntimeException {
        StorageException(String message, SQLException cause) {
            super(message + " (SQLState " + cause.getSQLState() + ")", cause);
        }
    }

    /** A stored key another upload committed between the check and the insert; the check has to run again. */
    public static final class KeyTakenException extends Exception {
        KeyTakenException() {
            super("a key was stored concurrently", null, false, false);
        }
    }

    /**
     * The keys of a load that cannot be stored: already in the workspace, or repeating an earlier line.
     *
     * @param rejected staged rows marked rejected in all
     * @param errors the first of them by line
     */
    public record Conflicts(long rejected, List<CsvRowError> errors) {}

    /**
     * Creates the caller's workspace in a transaction of its own, committed at once, and returns its {@code ws_key}:
     * when a first upload is about to be stored, so that concurrent first uploads into it do not wait for each
     * other's whole load on the unique key. Refused uploads never get this far.
     */
    public long createWorkspace(Caller caller, String workspaceId) {
        Workspaces.allowed(caller, workspaceId);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (int attempt = 0; attempt < 3; attempt++) {
                try (PreparedStatement create = connection.prepareStatement("""
                        INSERT INTO workspace (tenant_hash, workspace_id) VALUES (?, ?)
                        ON CONFLICT (tenant_hash, workspace_id) DO NOTHING RETURNING ws_key""")) {
                    create.setString(1, caller.tenantHash());
                    create.setString(2, workspaceId);
                    try (ResultSet rs = create.executeQuery()) {
                        if (rs.next()) {
                            return rs.getLong(1);
                        }
                    }
                }
                try (PreparedStatement find = connection.prepareStatement(
                        "SELECT ws_key FROM workspace WHERE tenant_hash = ? AND workspace_id = ?")) {
                    find.setString(1, caller.tenantHash());
                    find.setString(2, workspaceId);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            return rs.getLong(1);
                        }
                    }
                }
            }
            throw new IllegalStateException("the workspace could not be created");
        } catch (SQLException e) {
            throw new StorageException("the workspace could not be created", e);
        }
    }

    /** Opens a transaction with an empty staging table for {@code schema} and starts copying into it. */
    public Load begin(CsvSchema schema) {
        try {
            return new Load(schema, dataSource.getConnection());
        } catch (SQLException e) {
            throw new StorageException("the upload could not start a database load", e);
        }
    }

    /** One upload's transaction; not thread-safe (one request's worker thread uses it). */
    public final class Load implements AutoCloseable {

        private final CsvSchema schema;
        private final Connection connection;
        private final String key;
        private final List<String> stored;
        private final StringBuilder pending = new StringBuilder(FLUSH_CHARS + 4096);
        private CopyIn copy;
        private boolean committed;

        private Load(CsvSchema schema, Connection connection) throws SQLException {
            this.schema = schema;
            this.connection = connection;
            this.key = schema.key().storedColumn();
            this.stored = schema.columns().stream().map(CsvColumn::storedColumn).toList();
            try {
                connection.setAutoCommit(false);
                try (Statement ddl = connection.createStatement()) {
                    ddl.execute("CREATE TEMP TABLE upload_stage (line integer NOT NULL, "
                            + schema.columns().stream().map(c -> c.storedColumn() + " " + c.stagingType())
                                    .collect(Collectors.joining(", "))
                            + ", error text, first_line integer) ON COMMIT DROP");
                }
                copy = connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY upload_stage (line, " + String.join(", ", stored) + ") FROM STDIN");
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Copies one row (values in the schema's column order, null for NULL) into the staging table. */
        public void row(long line, String[] values) {
            StringBuilder out = pending;
            out.append(line);
            for (String value : values) {
                out.append('\t');
                if (value == null) {
                    out.append("\\N");
                } else {
                    escape(out, value);
                }
            }
            out.append('\n');
            if (out.length() >= FLUSH_CHARS) {
                flush();
            }
        }

        /** Ends the copy: every row is staged. */
        public void endCopy() throws SQLException {
            flush();
            copy.endCopy();
            copy = null;
        }

        /**
         * The workspace's {@code ws_key}, or null when it does not exist yet. The caller must be one the token grants
         * the workspace to ({@link Workspaces#allowed}).
         */
        public Long workspace(Caller caller, String workspaceId) throws SQLException {
            Workspaces.allowed(caller, workspaceId);
            return single("SELECT ws_key FROM workspace WHERE tenant_hash = ? AND workspace_id = ?",
                    caller.tenantHash(), workspaceId);
        }

        /**
         * Marks the staged rows repeating the key of an earlier staged line: only keys of the {@code suspects} lines,
         * whose key hash was seen before, can.
         */
        public Conflicts repeats(long[] suspects, int reported) throws SQLException {
            if (suspects.length == 0) {
                return new Conflicts(0, List.of());
            }
            try (PreparedStatement repeated = connection.prepareStatement("""
                    UPDATE upload_stage s SET error = 'repeated', first_line = f.first
                    FROM (SELECT %1$s AS k, min(line) AS first FROM upload_stage
                          WHERE error IS NULL
                            AND %1$s IN (SELECT %1$s FROM upload_stage WHERE line = ANY (?))
                          GROUP BY %1$s) f
                    WHERE s.%1$s = f.k AND s.line > f.first AND s.error IS NULL""".formatted(key))) {
                Integer[] lines = new Integer[suspects.length];
                for (int i = 0; i < suspects.length; i++) {
                    lines[i] = Math.toIntExact(suspects[i]);
                }
                repeated.setArray(1, connection.createArrayOf("integer", lines));
                repeated.executeUpdate();
            }
            return rejected(reported);
        }

        /**
         * Whether some of the first staged keys are already stored in the workspace: a file sent again, or one that
         * overlaps an earlier one. Cheap (a thousand index probes); when it says no, the insert goes ahead and a key
         * stored further down still surfaces, as a {@link KeyTakenException}.
         */
        public boolean looksStored(long wsKey) throws SQLException {
            Long found = single("""
                    SELECT count(*) FROM (SELECT %2$s FROM upload_stage WHERE error IS NULL LIMIT 1000) s
                    WHERE EXISTS (SELECT 1 FROM %1$s t WHERE t.ws_key = ? AND t.%2$s = s.%2$s)"""
                    .formatted(schema.table(), key), wsKey);
            return found != null && found > 0;
        }

        /** Marks the staged rows whose key is already stored in the workspace. */
        public Conflicts stored(long wsKey, int reported) throws SQLException {
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE upload_stage");
            }
            try (PreparedStatement mark = connection.prepareStatement("""
                    UPDATE upload_stage s SET error = 'stored'
                    WHERE s.error IS NULL
                      AND EXISTS (SELECT 1 FROM %1$s t WHERE t.ws_key = ? AND t.%2$s = s.%2$s)"""
                    .formatted(schema.table(), key))) {
                mark.setLong(1, wsKey);
                mark.executeUpdate();
            }
            return rejected(reported);
        }

        private Conflicts rejected(int reported) throws SQLException {
            long count;
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM upload_stage WHERE error IS NOT NULL")) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count == 0) {
                return new Conflicts(0, List.of());
            }
            List<CsvRowError> errors = new ArrayList<>();
            try (PreparedStatement first = connection.prepareStatement(
                    "SELECT line, error, first_line FROM upload_stage WHERE error IS NOT NULL ORDER BY line LIMIT ?")) {
                first.setInt(1, reported);
                try (ResultSet rs = first.executeQuery()) {
                    while (rs.next()) {
                        String message = "stored".equals(rs.getString(2))
                                ? "the key is already stored in this workspace."
                                : "the key repeats line " + rs.getLong(3) + ".";
                        errors.add(new CsvRowError(rs.getLong(1), schema.key().name(), message));
                    }
                }
            }
            return new Conflicts(count, errors);
        }

        /**
         * Moves the staged rows without an error to their table; returns how many. A key already stored (by an
         * earlier upload, or a concurrent one that committed meanwhile) throws {@link KeyTakenException} with nothing
         * inserted: {@link #stored} then finds the rows.
         */
        public long store(long wsKey, UUID uploadId, boolean skipRejected) throws SQLException, KeyTakenException {
            // the claim tables have no row-level foreign key to workspace (V3): the one lock each row's check took
            Long locked = single("SELECT ws_key FROM workspace WHERE ws_key = ? FOR KEY SHARE", wsKey);
            if (locked == null) {
                throw new IllegalStateException("the workspace of the upload does not exist");
            }
            Savepoint before = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO %s (ws_key, %s, upload_id) SELECT ?, %s, ? FROM upload_stage%s".formatted(
                            schema.table(), String.join(", ", stored), String.join(", ", stored),
                            skipRejected ? " WHERE error IS NULL" : ""))) {
                insert.setLong(1, wsKey);
                insert.setObject(2, uploadId);
                long inserted = insert.executeLargeUpdate();
                connection.releaseSavepoint(before);
                return inserted;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    connection.rollback(before);
                    throw new KeyTakenException();
                }
                throw e;
            }
        }

        /**
         * Records the upload, marks the workspace as needing reprocessing, adds the audit event ({@code details}:
         * counts and kinds only) and commits all of it with the rows.
         */
        public void commit(long wsKey, UUID uploadId, Caller caller, long rowsTotal, long rowsAccepted,
                long rowsRejected, long bytes, AuditDetails details) throws SQLException {
            try (PreparedStatement upload = connection.prepareStatement("""
                    INSERT INTO upload (id, ws_key, kind, rows_total, rows_accepted, rows_rejected, bytes, uploaded_by,
                                        created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())""")) {
                upload.setObject(1, uploadId);
                upload.setLong(2, wsKey);
                upload.setString(3, schema.kind());
                upload.setInt(4, Math.toIntExact(rowsTotal));
                upload.setInt(5, Math.toIntExact(rowsAccepted));
                upload.setInt(6, Math.toIntExact(rowsRejected));
                upload.setLong(7, bytes);
                upload.setString(8, caller.subjectHash());
                upload.executeUpdate();
            }
            try (PreparedStatement flag = connection.prepareStatement(
                    "UPDATE workspace SET needs_reprocessing = true WHERE ws_key = ?")) {
                flag.setLong(1, wsKey);
                flag.executeUpdate();
            }
            outbox.add(connection, caller, "upload.accepted", "upload", uploadId.toString(),
                    AuditEvent.Outcome.SUCCESS, details);
            connection.commit();
            committed = true;
        }

        /** Rolls back anything not committed and returns the connection. */
        @Override
        public void close() {
            try {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the rollback below discards the copy either way
            }
            try {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                // a broken connection: the server rolled back; Agroal discards it on close
            } finally {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nothing left to release
                }
            }
        }

        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new StorageException("the staging copy failed", e);
            }
        }

        private Long single(String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Object value = rs.getObject(1);
                    return value instanceof Boolean b ? (b ? 1L : 0L) : value == null ? null : ((Number) value).longValue();
                }
            }
        }
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped (NUL never gets this far). */
    static void escape(StringBuilder out, String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
