package dev.parley.pipeline.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.client.FieldEncryption;
import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.CsvBodyLimit;
import dev.parley.pipeline.domain.CsvColumn;
import dev.parley.pipeline.domain.CsvErrorPolicy;
import dev.parley.pipeline.domain.CsvInput;
import dev.parley.pipeline.domain.CsvMultipartStream;
import dev.parley.pipeline.domain.CsvRefusal;
import dev.parley.pipeline.domain.CsvRowError;
import dev.parley.pipeline.domain.CsvSchema;
import dev.parley.pipeline.domain.CsvUploadParser;
import dev.parley.pipeline.repository.ClaimsLoader;
import dev.parley.pipeline.repository.WorkspaceQueries;
import dev.parley.pipeline.repository.Workspaces;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes one CSV upload from its streamed body to the database: the body is counted against the size cap, decoded
 * strictly, parsed and checked row by row, member names and dates of birth are encrypted through compliance-service
 * in batches, and the valid rows are copied into staging as they come, so no more than a buffer of the file is ever
 * in memory. Then, in the same transaction, keys repeated or already stored are found, and the rows, the upload
 * record, the workspace's reprocessing flag and the audit event are committed together, or nothing is.
 *
 * <p>Blocking: runs on the request's worker thread. Metrics {@code pipeline_upload_rows_total{kind,outcome}}
 * (accepted: stored; rejected: rows with errors, stored upload or not) and {@code pipeline_upload_bytes_total}
 * (bodies read to their end).
 */
@ApplicationScoped
public class Uploads {

    private static final Logger LOG = Logger.getLogger(Uploads.class);
    /** FastCSV's buffer for one cell: no claims, provider or member value comes near it. */
    private static final int MAX_CELL_CHARS = 64 * 1024;
    private static final int INSERT_ATTEMPTS = 3;

    private final ClaimsLoader loader;
    private final FieldEncryption encryption;
    private final PipelineConfig.Uploads config;
    private final WorkspaceQueries queries;
    private final MeterRegistry registry;
    private final Counter bytesCounter;

    public Uploads(ClaimsLoader loader, FieldEncryption encryption, PipelineConfig config, WorkspaceQueries queries,
            MeterRegistry registry) {
        this.loader = loader;
        this.queries = queries;
        this.encryption = encryption;
        this.config = config.uploads();
        this.registry = registry;
        this.bytesCounter = Counter.builder("pipeline.upload.bytes")
                .description("Bytes of upload bodies read").baseUnit("bytes").register(registry);
    }

    /**
     * Stores the upload in {@code body} ({@code boundary}: the multipart boundary, or null for a plain CSV body).
     *
     * @throws ProblemException 400/413 for a refused upload, 422 for row errors under {@link CsvErrorPolicy#REJECT},
     *     503 when compliance-service cannot encrypt member data
     */
    public UploadResult upload(Caller caller, String workspaceId, CsvSchema schema, CsvErrorPolicy policy,
            InputStream body, String boundary) {
        Workspaces.allowed(caller, workspaceId);
        long started = System.nanoTime();
        CsvBodyLimit counted = new CsvBodyLimit(body, config.maxBytes().asLongValue());
        try (ClaimsLoader.Load load = loader.begin(schema)) {
            InputStream csv = boundary == null ? counted : new CsvMultipartStream(counted, boundary);
            Staging staging = schema.encrypts() ? new EncryptingStaging(load, schema) : new Staging(load);
            CsvUploadParser.Result parsed = CsvUploadParser.parse(new CsvInput(csv), schema,
                    new CsvUploadParser.Limits(config.maxRows(), config.maxColumns(), config.reportedErrors(),
                            MAX_CELL_CHARS),
                    staging::row);
            staging.finish();
            load.endCopy();
            bytesCounter.increment(counted.count());
            return store(load, caller, workspaceId, schema, policy, parsed, counted.count(), started);
        } catch (CsvRefusal refusal) {
            throw new ProblemException(refusal.kind(), refusal.getMessage(), refusal.line() == 0 ? List.of()
                    : List.of(new Problem.FieldError(refusal.where(), stripWhere(refusal))));
        } catch (UncheckedIOException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "The upload could not be read to its end.");
        } catch (SQLException | ClaimsLoader.StorageException e) {
            // the server's message can quote values (a key in a constraint detail): log its SQLState only
            LOG.errorf("upload (%s) not stored: the database failed with SQLState %s", schema.kind(), sqlState(e));
            throw new ProblemException(ProblemKind.UNAVAILABLE,
                    "The upload could not be stored just now, so nothing was stored. Try again shortly.");
        }
    }

    private UploadResult store(ClaimsLoader.Load load, Caller caller, String workspaceId, CsvSchema schema,
            CsvErrorPolicy policy, CsvUploadParser.Result parsed, long bytes, long started) throws SQLException {
        long staged = System.nanoTime();
        int reported = config.reportedErrors();
        Long existing = load.workspace(caller, workspaceId);
        ClaimsLoader.Conflicts conflicts = load.repeats(parsed.repeatSuspects(), reported);
        if (existing != null && load.looksStored(existing)) {
            conflicts = load.stored(existing, reported);
        }
        refuseOnErrors(schema, policy, parsed, conflicts);
        // only an upload about to be stored creates its workspace
        long wsKey = existing != null ? existing : loader.createWorkspace(caller, workspaceId);
        long checked = System.nanoTime();
        UUID uploadId = UuidV7.next();
        long accepted;
        for (int attempt = 1; ; attempt++) {
            try {
                accepted = load.store(wsKey, uploadId, conflicts.rejected() > 0);
                break;
            } catch (ClaimsLoader.KeyTakenException stored) {
                if (attempt == INSERT_ATTEMPTS) {
                    throw new ProblemException(ProblemKind.CONFLICT,
                            "Other uploads keep storing the same keys; try again.");
                }
                conflicts = load.stored(wsKey, reported);
                refuseOnErrors(schema, policy, parsed, conflicts);
            }
        }
        long inserted = System.nanoTime();
        long rejected = parsed.rowsRejected() + conflicts.rejected();
        long errorCount = parsed.errorCount() + conflicts.rejected();
        load.commit(wsKey, uploadId, caller, parsed.rowsTotal(), accepted, rejected, bytes, AuditDetails.builder()
                .kind("kind", schema)
                .kind("onRowError", policy)
                .count("rowsTotal", parsed.rowsTotal())
                .count("rowsAccepted", accepted)
                .count("rowsRejected", rejected)
                .count("bytes", bytes)
                .build());
        queries.statsChanged(wsKey);
        rows(schema, "accepted", accepted);
        rows(schema, "rejected", rejected);
        long done = System.nanoTime();
        LOG.infof("upload %s (%s): %d rows, %d stored, %d rejected, %d bytes in %d ms (read and staged %d, checked %d,"
                        + " inserted %d, committed %d)", uploadId, schema.kind(), parsed.rowsTotal(), accepted, rejected,
                bytes, ms(done - started), ms(staged - started), ms(checked - staged), ms(inserted - checked),
                ms(done - inserted));
        return new UploadResult(uploadId, schema, parsed.rowsTotal(), accepted, rejected,
                merge(parsed.errors(), conflicts.errors(), reported), errorCount);
    }

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "unknown";
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private void refuseOnErrors(CsvSchema schema, CsvErrorPolicy policy, CsvUploadParser.Result parsed,
            ClaimsLoader.Conflicts conflicts) {
        long errorCount = parsed.errorCount() + conflicts.rejected();
        if (policy != CsvErrorPolicy.REJECT || errorCount == 0) {
            return;
        }
        rows(schema, "rejected", parsed.rowsRejected() + conflicts.rejected());
        List<CsvRowError> errors = merge(parsed.errors(), conflicts.errors(), config.reportedErrors());
        throw new ProblemException(ProblemKind.UNPROCESSABLE, errorCount + (errorCount == 1 ? " row error" : " row errors")
                + " (the first " + errors.size() + " listed, from line " + errors.get(0).line()
                + "); nothing was stored. Correct them, or upload with onRowError=skip to store the valid rows.",
                errors.stream().map(e -> new Problem.FieldError(e.where(), e.message())).toList());
    }

    /** The first {@code limit} errors of both lists by line (each is already the first of its own by line). */
    static List<CsvRowError> merge(List<CsvRowError> parsed, List<CsvRowError> stored, int limit) {
        List<CsvRowError> all = new ArrayList<>(parsed.size() + stored.size());
        all.addAll(parsed);
        all.addAll(stored);
        all.sort(Comparator.comparingLong(CsvRowError::line));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    private void rows(CsvSchema schema, String outcome, long n) {
        if (n > 0) {
            Counter.builder("pipeline.upload.rows").description("Uploaded rows, by kind and outcome")
                    .tag("kind", schema.kind()).tag("outcome", outcome).register(registry).increment(n);
        }
    }

    private static String stripWhere(CsvRefusal refusal) {
        String detail = refusal.getMessage();
        int colon = detail.indexOf(": ");
        return refusal.line() > 0 && colon > 0 ? detail.substring(colon + 2) : detail;
    }

    /** Hands valid rows to the load as they are parsed. */
    private static class Staging {
        final ClaimsLoader.Load load;

        Staging(ClaimsLoader.Load load) {
            this.load = load;
        }

        void row(long line, String[] values) {
            load.row(line, values);
        }

        void finish() {}
    }

    /**
     * Holds rows until their plaintext values fill a batch, has compliance-service encrypt the batch, and stages the
     * rows with the ciphertexts in place: no plaintext outlives its batch.
     */
    private final class EncryptingStaging extends Staging {
        private final int[] encrypted;
        private final String[] fields;
        /**
         * Values per call (compliance-service takes at most 1000), and the most rows held. A row's values always go
         * in one call, so a setting below a row's values still sends that row's.
         */
        private final int batch = Math.max(1, Math.min(config.encryptBatch(), 1000));
        private final long[] lines = new long[batch];
        private final List<String[]> rows = new ArrayList<>(batch);
        private final List<FieldEncryption.Plain> plain = new ArrayList<>(batch);

        EncryptingStaging(ClaimsLoader.Load load, CsvSchema schema) {
            super(load);
            List<CsvColumn> columns = schema.columns();
            this.encrypted = java.util.stream.IntStream.range(0, columns.size())
                    .filter(i -> columns.get(i).encryptedField() != null).toArray();
            this.fields = columns.stream().map(CsvColumn::encryptedField).toArray(String[]::new);
        }

        @Override
        void row(long line, String[] values) {
            int needed = 0;
            for (int i : encrypted) {
                if (values[i] != null) {
                    needed++;
                }
            }
            if (plain.size() + needed > batch || rows.size() == batch) {
                finish();
            }
            for (int i : encrypted) {
                if (values[i] != null) {
                    plain.add(new FieldEncryption.Plain(fields[i], values[i]));
                }
            }
            lines[rows.size()] = line;
            rows.add(values);
        }

        @Override
        void finish() {
            if (rows.isEmpty()) {
                return;
            }
            List<String> sealed = encryption.encrypt(List.copyOf(plain)).await().atMost(Duration.ofMinutes(2));
            int next = 0;
            for (int r = 0; r < rows.size(); r++) {
                String[] values = rows.get(r);
                for (int i : encrypted) {
                    if (values[i] != null) {
                        values[i] = sealed.get(next++);
                    }
                }
                load.row(lines[r], values);
            }
            rows.clear();
            plain.clear();
        }
    }
}
