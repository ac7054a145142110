package dev.parley.agent.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The agent's side of pipeline-service's read API ({@code GET /v1/workspaces/{ws}/stats, /cases, /cases/{id},
 * /rules, /providers/{npi}, /runs}): the JSON it answers, as records of our own so that the two services do not share
 * classes. Unknown properties are ignored, so pipeline-service may add fields without breaking the agent. Ids of runs
 * and jobs stay strings: the agent only shows and links them.
 */
public final class PipelineViews {

    private PipelineViews() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(String workspaceId, Claims claims, long providers, long members, long ruleHits,
            CaseCounts cases, LastRun lastRun, boolean needsReprocessing) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Claims(long medical, long pharmacy, long unprocessed, long qualityFailed) {}

    /** Case counts; the maps are keyed by wire name ({@code critical}, {@code in_review}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseCounts(long total, Map<String, Long> byRiskLevel, Map<String, Long> byStatus) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LastRun(String runId, String status, Instant startedAt, Instant completedAt, Long claimsProcessed) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseSummary(String caseId, String providerNpi, String providerName, String specialty,
            BigDecimal riskScore, String riskLevel, String status, String assignee, int hitCount, Instant updatedAt) {}

    /** Highest risk first; {@code nextCursor} is null on the last page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CasePage(List<CaseSummary> items, String nextCursor) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleHits(String ruleId, String name, long hits, BigDecimal points) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String claimId, String claimKind, List<String> ruleIds, LocalDate serviceDate, String code,
            BigDecimal amountBilled) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comment(String id, String author, String body, Instant createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CaseDetail(CaseSummary summary, List<RuleHits> rules, List<Evidence> evidence, long evidenceCount,
            List<Comment> comments, String runId, Instant createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleView(String ruleId, String name, String description, String claimKind, double weight, double cap,
            boolean enabled, Map<String, Object> thresholds, long hits, long providers) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProviderView(String npi, String name, String specialty, String state, long medicalClaims,
            long pharmacyClaims, BigDecimal riskScore, String riskLevel, String caseId, List<RuleHits> rules) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunSummary(String runId, String jobId, String status, String qualityMode, boolean forceReprocess,
            Instant startedAt, Instant completedAt, Map<String, Object> stats, String error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunPage(List<RunSummary> items, String nextCursor) {}
}
