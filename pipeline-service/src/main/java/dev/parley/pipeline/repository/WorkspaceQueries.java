package dev.parley.pipeline.repository;

import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.Views;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The read side of a workspace: statistics, cases, rules with their hits, providers, runs. Every query by ws_key. */
@ApplicationScoped
public class WorkspaceQueries {

    /** Evidence claims a case detail lists (the count covers all). */
    public static final int EVIDENCE_LISTED = 200;

    private static final List<String> LEVELS = List.of("critical", "high", "medium", "low");
    private static final List<String> STATUSES = List.of("open", "in_review", "escalated", "closed");

    private final Pool pool;
    private final long statsMaxAgeNanos;
    private final Map<Long, CachedStats> statsCache = new ConcurrentHashMap<>();
    /** Bumped by every {@link #statsChanged}: a count that began before a change is not cached after it. */
    private final AtomicLong statsChanges = new AtomicLong();

    /** Past this many cached workspaces, a new entry first drops the expired ones. */
    static final int STATS_CACHED_WORKSPACES = 10_000;

    private record CachedStats(Views.Stats stats, long computedAt) {}

    public WorkspaceQueries(Pool pool, PipelineConfig config) {
        this.pool = pool;
        this.statsMaxAgeNanos = config.stats().maxAge().toNanos();
    }

    /**
     * The workspace's statistics: nine counts over its claims, providers, members, hits and cases. A count is kept for
     * {@code parley.pipeline.stats.max-age} and dropped as soon as this instance commits a change to the workspace
     * (an upload, a run, a case update: {@link #statsChanged}); a change another instance commits shows within that age.
     */
    public Uni<Views.Stats> stats(Workspaces.Workspace ws) {
        long now = System.nanoTime();
        CachedStats cached = statsCache.get(ws.wsKey());
        if (cached != null && now - cached.computedAt() < statsMaxAgeNanos) {
            return Uni.createFrom().item(cached.stats());
        }
        long changes = statsChanges.get();
        return countStats(ws).invoke(stats -> {
            if (statsMaxAgeNanos > 0 && statsChanges.get() == changes) {
                if (statsCache.size() >= STATS_CACHED_WORKSPACES) {
                    long expiredBefore = System.nanoTime() - statsMaxAgeNanos;
                    statsCache.values().removeIf(entry -> entry.computedAt() - expiredBefore < 0);
                }
                statsCache.put(ws.wsKey(), new CachedStats(stats, now));
            }
        });
    }

    /** Called after a commit that changed a workspace's claims, hits, cases or runs: its next statistics are counted. */
    public void statsChanged(long wsKey) {
        statsChanges.incrementAndGet();
        statsCache.remove(wsKey);
    }

    private Uni<Views.Stats> countStats(Workspaces.Workspace ws) {
        return pool.preparedQuery("""
                        SELECT (SELECT count(*) FROM medical_claim WHERE ws_key = $1) AS medical,
                               (SELECT count(*) FROM pharmacy_claim WHERE ws_key = $1) AS pharmacy,
                               (SELECT count(*) FROM medical_claim WHERE ws_key = $1 AND processed_run IS NULL)
                             + (SELECT count(*) FROM pharmacy_claim WHERE ws_key = $1 AND processed_run IS NULL) AS unprocessed,
                               (SELECT count(*) FROM medical_claim WHERE ws_key = $1 AND quality_status = 'failed')
                             + (SELECT count(*) FROM pharmacy_claim WHERE ws_key = $1 AND quality_status = 'failed') AS failed,
                               (SELECT count(*) FROM provider WHERE ws_key = $1) AS providers,
                               (SELECT count(*) FROM member WHERE ws_key = $1) AS members,
                               (SELECT count(*) FROM rule_hit WHERE ws_key = $1) AS hits,
                               w.needs_reprocessing, r.id AS run_id, r.status AS run_status, r.started_at, r.completed_at,
                               (r.stats ->> 'claimsProcessed')::bigint AS run_claims
                        FROM workspace w LEFT JOIN pipeline_run r ON r.id = (
                            SELECT id FROM pipeline_run WHERE ws_key = $1 ORDER BY started_at DESC, id DESC LIMIT 1)
                        WHERE w.ws_key = $1""")
                .execute(Tuple.of(ws.wsKey()))
                .flatMap(rows -> pool.preparedQuery("""
                                SELECT risk_level, status, count(*) AS n FROM investigation_case WHERE ws_key = $1
                                GROUP BY risk_level, status""")
                        .execute(Tuple.of(ws.wsKey()))
                        .map(cases -> stats(ws.workspaceId(), rows.iterator().next(), cases)));
    }

    /** Statistics of a workspace that has no data yet. */
    public static Views.Stats empty(String workspaceId) {
        return new Views.Stats(workspaceId, new Views.Claims(0, 0, 0, 0), 0, 0, 0,
                new Views.CaseCounts(0, zeros(LEVELS), zeros(STATUSES)), null, false);
    }

    private static Views.Stats stats(String workspaceId, Row row, RowSet<Row> cases) {
        Map<String, Long> byLevel = zeros(LEVELS);
        Map<String, Long> byStatus = zeros(STATUSES);
        long total = 0;
        for (Row c : cases) {
            long n = c.getLong("n");
            byLevel.merge(c.getString("risk_level"), n, Long::sum);
            byStatus.merge(c.getString("status"), n, Long::sum);
            total += n;
        }
        Views.LastRun lastRun = row.getUUID("run_id") == null ? null : new Views.LastRun(row.getUUID("run_id"),
                row.getString("run_status"), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("completed_at")), row.getLong("run_claims"));
        return new Views.Stats(workspaceId, new Views.Claims(row.getLong("medical"), row.getLong("pharmacy"),
                row.getLong("unprocessed"), row.getLong("failed")), row.getLong("providers"), row.getLong("members"),
                row.getLong("hits"), new Views.CaseCounts(total, byLevel, byStatus), lastRun,
                row.getBoolean("needs_reprocessing"));
    }

    /** A page of cases, highest risk first; {@code after} is the last (score, case id) of the previous page. */
    public Uni<Views.CasePage> cases(long wsKey, String riskLevel, String status, int limit, BigDecimal afterScore,
            String afterCase) {
        return pool.preparedQuery("""
                        SELECT c.*, p.name AS provider_name, p.specialty FROM investigation_case c
                        LEFT JOIN provider p ON p.ws_key = c.ws_key AND p.npi = c.provider_npi
                        WHERE c.ws_key = $1 AND ($2::text IS NULL OR c.risk_level = $2) AND ($3::text IS NULL OR c.status = $3)
                          AND ($4::numeric IS NULL OR c.risk_score < $4 OR (c.risk_score = $4 AND c.case_id > $5::text))
                        ORDER BY c.risk_score DESC, c.case_id
                        LIMIT $6""")
                .execute(Tuple.tuple(Arrays.asList(wsKey, riskLevel, status, afterScore, afterCase, limit + 1)))
                .map(rows -> {
                    List<Views.CaseSummary> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(caseSummary(row));
                    }
                    String next = null;
                    if (items.size() > limit) {
                        items = items.subList(0, limit);
                        Views.CaseSummary last = items.get(limit - 1);
                        next = Cursors.of(last.riskScore().toPlainString(), last.caseId());
                    }
                    return new Views.CasePage(List.copyOf(items), next);
                });
    }

    /** A case with its rules, evidence and comments; null when the workspace has no such case. */
    public Uni<Views.CaseDetail> caseDetail(long wsKey, String caseId) {
        return pool.preparedQuery("""
                        SELECT c.*, p.name AS provider_name, p.specialty FROM investigation_case c
                        LEFT JOIN provider p ON p.ws_key = c.ws_key AND p.npi = c.provider_npi
                        WHERE c.ws_key = $1 AND c.case_id = $2""")
                .execute(Tuple.of(wsKey, caseId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    Views.CaseSummary summary = caseSummary(row);
                    return ruleHits(wsKey, summary.providerNpi()).flatMap(rules -> evidence(wsKey, caseId)
                            .flatMap(evidence -> comments(wsKey, caseId).map(comments -> new Views.CaseDetail(summary,
                                    rules, evidence.items(), evidence.count(), comments, row.getUUID("run_id"),
                                    instant(row.getOffsetDateTime("created_at"))))));
                });
    }

    private record EvidencePage(List<Views.Evidence> items, long count) {}

    private Uni<EvidencePage> evidence(long wsKey, String caseId) {
        return pool.preparedQuery("""
                        SELECT e.claim_id, e.claim_kind, e.rule_ids, count(*) OVER () AS total,
                               coalesce(m.service_date, x.fill_date) AS claim_date, coalesce(m.cpt_code, x.ndc_code) AS code,
                               coalesce(m.amount_billed, x.amount_billed) AS amount
                        FROM case_evidence e
                        LEFT JOIN medical_claim m ON e.claim_kind = 'medical' AND m.ws_key = e.ws_key AND m.claim_id = e.claim_id
                        LEFT JOIN pharmacy_claim x ON e.claim_kind = 'pharmacy' AND x.ws_key = e.ws_key AND x.claim_id = e.claim_id
                        WHERE e.ws_key = $1 AND e.case_id = $2
                        ORDER BY e.claim_id LIMIT $3""")
                .execute(Tuple.of(wsKey, caseId, EVIDENCE_LISTED))
                .map(rows -> {
                    List<Views.Evidence> items = new ArrayList<>();
                    long total = 0;
                    for (Row row : rows) {
                        total = row.getLong("total");
                        items.add(new Views.Evidence(row.getString("claim_id"), row.getString("claim_kind"),
                                List.of(row.getArrayOfStrings("rule_ids")), row.getLocalDate("claim_date"),
                                row.getString("code"), row.getBigDecimal("amount")));
                    }
                    return new EvidencePage(List.copyOf(items), total);
                });
    }

    private Uni<List<Views.Comment>> comments(long wsKey, String caseId) {
        return pool.preparedQuery("""
                        SELECT id, author, body, created_at FROM case_comment WHERE ws_key = $1 AND case_id = $2
                        ORDER BY created_at, id""")
                .execute(Tuple.of(wsKey, caseId))
                .map(rows -> {
                    List<Views.Comment> comments = new ArrayList<>();
                    for (Row row : rows) {
                        comments.add(new Views.Comment(row.getUUID("id"), row.getString("author"), row.getString("body"),
                                instant(row.getOffsetDateTime("created_at"))));
                    }
                    return List.copyOf(comments);
                });
    }

    /** A provider's hits and points per rule. */
    public Uni<List<Views.RuleHits>> ruleHits(long wsKey, String npi) {
        return pool.preparedQuery("""
                        SELECT h.rule_id, r.name, count(*) AS hits, least(r.cap, r.weight * count(*)) AS points
                        FROM rule_hit h JOIN rule r ON r.rule_id = h.rule_id
                        WHERE h.ws_key = $1 AND h.provider_npi = $2
                        GROUP BY h.rule_id, r.name, r.cap, r.weight ORDER BY points DESC, h.rule_id""")
                .execute(Tuple.of(wsKey, npi))
                .map(rows -> {
                    List<Views.RuleHits> hits = new ArrayList<>();
                    for (Row row : rows) {
                        hits.add(new Views.RuleHits(row.getString("rule_id"), row.getString("name"), row.getLong("hits"),
                                row.getBigDecimal("points")));
                    }
                    return List.copyOf(hits);
                });
    }

    /** Hits and providers hit, per rule id, in the workspace. */
    public Uni<Map<String, long[]>> hitsByRule(long wsKey) {
        return pool.preparedQuery("""
                        SELECT rule_id, count(*) AS hits, count(DISTINCT provider_npi) AS providers FROM rule_hit
                        WHERE ws_key = $1 GROUP BY rule_id""")
                .execute(Tuple.of(wsKey))
                .map(rows -> {
                    Map<String, long[]> hits = new LinkedHashMap<>();
                    for (Row row : rows) {
                        hits.put(row.getString("rule_id"), new long[] {row.getLong("hits"), row.getLong("providers")});
                    }
                    return hits;
                });
    }

    /** A provider of the workspace with its claims, risk and case; null when unknown there. */
    public Uni<Views.ProviderView> provider(long wsKey, String npi) {
        return pool.preparedQuery("""
                        SELECT p.npi, p.name, p.specialty, p.state,
                               (SELECT count(*) FROM medical_claim WHERE ws_key = $1 AND provider_npi = $2) AS medical,
                               (SELECT count(*) FROM pharmacy_claim WHERE ws_key = $1 AND pharmacy_npi = $2) AS pharmacy,
                               c.case_id, c.risk_score, c.risk_level
                        FROM provider p LEFT JOIN investigation_case c ON c.ws_key = p.ws_key AND c.provider_npi = p.npi
                        WHERE p.ws_key = $1 AND p.npi = $2""")
                .execute(Tuple.of(wsKey, npi))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    return ruleHits(wsKey, npi).map(rules -> new Views.ProviderView(row.getString("npi"),
                            row.getString("name"), row.getString("specialty"), row.getString("state"),
                            row.getLong("medical"), row.getLong("pharmacy"), score(row, rules),
                            row.getString("risk_level"), row.getString("case_id"), rules));
                });
    }

    /** The case's score, or the provider's score from its hits when it has no case (below the case threshold). */
    private static BigDecimal score(Row row, List<Views.RuleHits> rules) {
        if (row.getBigDecimal("risk_score") != null) {
            return row.getBigDecimal("risk_score");
        }
        BigDecimal sum = rules.stream().map(Views.RuleHits::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.min(BigDecimal.valueOf(100));
    }

    /** A page of runs, newest first; {@code after}: the last (start, id) of the previous page. */
    public Uni<Views.RunPage> runs(long wsKey, int limit, OffsetDateTime afterStarted, UUID afterId) {
        return pool.preparedQuery("""
                        SELECT * FROM pipeline_run WHERE ws_key = $1
                          AND ($2::timestamptz IS NULL OR (started_at, id) < ($2, $3))
                        ORDER BY started_at DESC, id DESC LIMIT $4""")
                .execute(Tuple.tuple(Arrays.asList(wsKey, afterStarted, afterId, limit + 1)))
                .map(rows -> {
                    List<Views.RunSummary> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(runSummary(row));
                    }
                    String next = null;
                    if (items.size() > limit) {
                        items = items.subList(0, limit);
                        Views.RunSummary last = items.get(limit - 1);
                        next = Cursors.of(last.startedAt().toString(), last.runId().toString());
                    }
                    return new Views.RunPage(List.copyOf(items), next);
                });
    }

    public Uni<Views.RunDetail> run(long wsKey, UUID runId) {
        return pool.preparedQuery("SELECT * FROM pipeline_run WHERE ws_key = $1 AND id = $2")
                .execute(Tuple.of(wsKey, runId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Views.RunDetail(runSummary(row), json(row, "config_snapshot"), json(row, "quality_report"));
                });
    }

    private static Views.RunSummary runSummary(Row row) {
        return new Views.RunSummary(row.getUUID("id"), row.getUUID("job_id"), row.getString("status"),
                row.getString("quality_mode"), row.getBoolean("force_reprocess"),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("completed_at")),
                json(row, "stats"), row.getString("error"));
    }

    static Views.CaseSummary caseSummary(Row row) {
        return new Views.CaseSummary(row.getString("case_id"), row.getString("provider_npi"),
                row.getString("provider_name"), row.getString("specialty"), row.getBigDecimal("risk_score"),
                row.getString("risk_level"), row.getString("status"), row.getString("assignee"),
                row.getInteger("hit_count"), instant(row.getOffsetDateTime("updated_at")));
    }

    private static Map<String, Object> json(Row row, String column) {
        Object value = row.getValue(column);
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        return value == null ? null : new JsonObject(value.toString()).getMap();
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        keys.forEach(key -> zeros.put(key, 0L));
        return zeros;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
