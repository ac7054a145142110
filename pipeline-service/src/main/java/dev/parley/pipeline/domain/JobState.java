package dev.parley.pipeline.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pipeline job as kept in its Redis hash {@code parley:pipeline:job:{id}}: who asked for it, where it stands, and
 * what it did. Status {@code queued}, {@code running}, {@code completed} or {@code failed}; phase {@code queued},
 * {@code quality}, {@code rules}, {@code scoring}, {@code finishing}, {@code done}. {@code worker}: the worker that
 * runs (or last ran) it, host name, process id and worker number.
 */
public record JobState(UUID jobId, String tenantHash, String workspaceId, String requestedBy, boolean forceReprocess,
        QualityMode qualityMode, String status, String phase, int progress, long claimsProcessed, List<String> errors,
        UUID runId, int attempt, Instant createdAt, Instant startedAt, Instant completedAt, String worker) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean ended() {
        return COMPLETED.equals(status) || FAILED.equals(status);
    }

    /** A new job, queued. */
    public static JobState queued(UUID jobId, String tenantHash, String workspaceId, String requestedBy,
            boolean forceReprocess, QualityMode qualityMode, Instant now) {
        return new JobState(jobId, tenantHash, workspaceId, requestedBy, forceReprocess, qualityMode, QUEUED, QUEUED, 0,
                0, List.of(), null, 0, now, null, null, null);
    }

    /** The hash fields (every value a string; absent values are left out). */
    public Map<String, String> fields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("jobId", jobId.toString());
        fields.put("tenantHash", tenantHash);
        fields.put("workspaceId", workspaceId);
        fields.put("requestedBy", requestedBy);
        fields.put("forceReprocess", Boolean.toString(forceReprocess));
        fields.put("qualityMode", qualityMode.wire());
        fields.put("status", status);
        fields.put("phase", phase);
        fields.put("progress", Integer.toString(progress));
        fields.put("claimsProcessed", Long.toString(claimsProcessed));
        fields.put("errors", String.join("\n", errors));
        fields.put("attempt", Integer.toString(attempt));
        fields.put("createdAt", createdAt.toString());
        if (runId != null) {
            fields.put("runId", runId.toString());
        }
        if (startedAt != null) {
            fields.put("startedAt", startedAt.toString());
        }
        if (completedAt != null) {
            fields.put("completedAt", completedAt.toString());
        }
        if (worker != null) {
            fields.put("worker", worker);
        }
        return fields;
    }

    /** The job of its hash fields, or null for an empty hash (no such job, or expired). */
    public static JobState of(Map<String, String> fields) {
        if (fields == null || fields.isEmpty() || fields.get("jobId") == null) {
            return null;
        }
        String errors = fields.getOrDefault("errors", "");
        return new JobState(UUID.fromString(fields.get("jobId")), fields.get("tenantHash"), fields.get("workspaceId"),
                fields.get("requestedBy"), Boolean.parseBoolean(fields.get("forceReprocess")),
                QualityMode.parse(fields.get("qualityMode")), fields.get("status"), fields.get("phase"),
                Integer.parseInt(fields.getOrDefault("progress", "0")),
                Long.parseLong(fields.getOrDefault("claimsProcessed", "0")),
                errors.isEmpty() ? List.of() : List.of(errors.split("\n")),
                fields.get("runId") == null ? null : UUID.fromString(fields.get("runId")),
                Integer.parseInt(fields.getOrDefault("attempt", "0")), instant(fields.get("createdAt")),
                instant(fields.get("startedAt")), instant(fields.get("completedAt")), fields.get("worker"));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }
}
