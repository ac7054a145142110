package dev.parley.contracts.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The data of a {@code parley.pipeline.runs.v1} event (type {@code dev.parley.pipeline.run.completed} or
 * {@code .failed}): a pipeline run of a workspace ended. Counts and ids only: never claim contents or member data.
 *
 * @param stats counts of the run: {@code claimsProcessed}, {@code qualityPassed}, {@code qualityFailed},
 *     {@code ruleHits}, {@code casesOpened}, {@code casesUpdated}, and {@code cases.<level>} per risk level
 * @param error a short reason when the run failed (no data values), else null
 */
public record PipelineRunEvent(UUID eventId, Instant occurredAt, String tenantHash, String workspaceId, UUID runId,
        UUID jobId, String status, Map<String, Long> stats, long durationMillis, String error) {}
