package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.CsvRowError;
import dev.parley.pipeline.domain.CsvSchema;
import java.util.List;
import java.util.UUID;

/**
 * What a stored upload holds: rows read, stored and rejected, and the first row errors (the count covers all).
 */
public record UploadResult(UUID uploadId, CsvSchema schema, long rowsTotal, long rowsAccepted, long rowsRejected,
        List<CsvRowError> errors, long errorCount) {}
