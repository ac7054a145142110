package dev.parley.audit.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.audit.domain.AuditFilter;
import dev.parley.audit.domain.AuditRecord;
import dev.parley.audit.domain.CsvCells;
import dev.parley.audit.domain.StatsRow;
import dev.parley.audit.domain.VerifyReport;
import dev.parley.audit.repository.AuditReader;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The audit API's use cases. Reading the audit trail is itself recorded in it: each listing, export, verification
 * and statistics read is an audit event of the reader, confirmed before the answer is given.
 */
@ApplicationScoped
public class AuditTrail {

    static final String RESOURCE = "audit-trail";
    private static final String[] CSV_HEADER = {"seq", "eventId", "occurredAt", "recordedAt", "service", "actor",
        "action", "resourceType", "resourceId", "outcome", "requestId", "details", "prevHash", "hash"};

    private final AuditReader reader;
    private final ChainVerifier verifier;
    private final AuditPublisher publisher;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    public AuditTrail(AuditReader reader, ChainVerifier verifier, AuditPublisher publisher) {
        this.reader = reader;
        this.verifier = verifier;
        this.publisher = publisher;
    }

    /** One page and the cursor of the next, if there is one. */
    public record Page(List<AuditRecord> items, String nextCursor) {}

    public Page list(Caller caller, AuditFilter filter) throws SQLException {
        List<AuditRecord> rows = reader.page(caller.tenantHash(), filter);
        boolean more = rows.size() > filter.limit();
        List<AuditRecord> items = more ? rows.subList(0, filter.limit()) : rows;
        record(caller, "audit.events.listed", AuditDetails.builder().count("returned", items.size()).build());
        return new Page(List.copyOf(items), more ? AuditFilter.cursorAfter(items.getLast().seq()) : null);
    }

    public VerifyReport verify(Caller caller, Instant from, Instant to) throws SQLException, IOException {
        VerifyReport report = verifier.verify(caller.tenantHash(), from, to);
        record(caller, "audit.verified", AuditDetails.builder().flag("valid", report.valid())
                .count("eventsChecked", report.eventsChecked()).count("checkpointsChecked", report.checkpointsChecked())
                .build());
        return report;
    }

    public List<StatsRow> stats(Caller caller, Instant from, Instant to) throws SQLException {
        List<StatsRow> rows = reader.stats(caller.tenantHash(), from, to);
        record(caller, "audit.stats.read", AuditDetails.builder().count("rows", rows.size()).build());
        return rows;
    }

    /** Supported export formats. */
    public enum Format { JSONL, CSV }

    /** Records the export, then returns what writes it: row by row from a database cursor. */
    public Exporter export(Caller caller, AuditFilter filter, Format format) {
        record(caller, "audit.exported", AuditDetails.builder().kind("format", format).build());
        return output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            if (format == Format.CSV) {
                writer.write(String.join(",", CSV_HEADER));
                writer.write("\r\n");
            }
            try {
                reader.stream(caller.tenantHash(), filter, row -> {
                    if (format == Format.CSV) {
                        writeCsv(writer, row);
                    } else {
                        writer.write(json.writeValueAsString(row));
                        writer.write('\n');
                    }
                });
            } catch (SQLException e) {
                throw new IOException("the export stopped: the database failed", e);
            }
            writer.flush();
        };
    }

    /** Writes an export to a stream. */
    @FunctionalInterface
    public interface Exporter {
        void write(OutputStream output) throws IOException;
    }

    private void writeCsv(BufferedWriter writer, AuditRecord row) throws IOException {
        String[] cells = {String.valueOf(row.seq()), row.eventId().toString(), row.occurredAt().toString(),
            row.recordedAt().toString(), row.service(), row.actor(), row.action(), row.resourceType(),
            row.resourceId(), row.outcome(), row.requestId(), json.writeValueAsString(row.details()), row.prevHash(),
            row.hash()};
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(CsvCells.cell(cells[i]));
        }
        writer.write("\r\n");
    }

    private void record(Caller caller, String action, AuditDetails details) {
        publisher.recordAndWait(caller, action, RESOURCE, null, AuditEvent.Outcome.SUCCESS, details);
    }
}
