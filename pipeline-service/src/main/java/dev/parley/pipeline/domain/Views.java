package dev.parley.pipeline.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the read API answers: records without member data (the agent's tools read these). */
public final class Views {

    private Views() {}

    public record Stats(String workspaceId, Claims claims, long providers, long members, long ruleHits,
            CaseCounts cases, LastRun lastRun, boolean needsReprocessing) {}

    public record Claims(long medical, long pharmacy, long unprocessed, long qualityFailed) {}

    public record CaseCounts(long total, Map<String, Long> byRiskLevel, Map<String, Long> byStatus) {}

    public record LastRun(UUID runId, String status, Instant startedAt, Instant completedAt, Long claimsProcessed) {}

    public record CaseSummary(String caseId, String providerNpi, String providerName, String specialty,
            BigDecimal riskScore, String riskLevel, String status, String assignee, int hitCount, Instant updatedAt) {}

    public record CasePage(List<CaseSummary> items, String nextCursor) {}

    public record RuleHits(String ruleId, String name, long hits, BigDecimal points) {}

    public record Evidence(String claimId, String claimKind, List<String> ruleIds, LocalDate serviceDate, String code,
            BigDecimal amountBilled) {}

    public record Comment(UUID id, String author, String body, Instant createdAt) {}

    public record CaseDetail(CaseSummary summary, List<RuleHits> rules, List<Evidence> evidence, long evidenceCount,
            List<Comment> comments, UUID runId, Instant createdAt) {}

    public record RuleView(String ruleId, String name, String description, String claimKind, double weight, double cap,
            boolean enabled, Map<String, Object> thresholds, long hits, long providers) {}

    public record ProviderView(String npi, String name, String specialty, String state, long medicalClaims,
            long pharmacyClaims, BigDecimal riskScore, String riskLevel, String caseId, List<RuleHits> rules) {}

    public record RunSummary(UUID runId, UUID jobId, String status, String qualityMode, boolean forceReprocess,
            Instant startedAt, Instant completedAt, Map<String, Object> stats, String error) {}

    public record RunPage(List<RunSummary> items, String nextCursor) {}

    public record RunDetail(RunSummary summary, Map<String, Object> configSnapshot, Map<String, Object> qualityReport) {}
}
