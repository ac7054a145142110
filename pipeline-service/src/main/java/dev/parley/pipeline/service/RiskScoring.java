package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.RiskLevel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The third phase of a job (README: Risk scores and cases). A billing provider's score is
 * {@code min(100, sum over rules of min(cap, weight x hits))} over the hits of the enabled rules, rounded to cents;
 * its level comes from {@code parley.pipeline.risk.*}. A provider at {@code case-min-level} or above without a case
 * gets one, numbered from the workspace's counter ({@code CASE-000001}, by score then NPI within a run). Every case
 * of the workspace is rescored (a provider whose hits are gone scores 0) and its evidence replaced by the claims with
 * hits; status and assignee are the analysts' and never touched.
 *
 * <p>The workspace row is locked first ({@code FOR UPDATE}): two scorings of one workspace run one after the other,
 * so the second sees the first's cases and never numbers a provider twice.
 */
@ApplicationScoped
public class RiskScoring {

    private final RuleCatalogue catalogue;

    public RiskScoring(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Scores the workspace's providers and opens or updates their cases, in one transaction. */
    public Uni<CaseStats> run(SqlClient client, long wsKey, UUID runId) {
        List<RuleDefinition> rules = catalogue.enabledRules();
        String[] ids = rules.stream().map(RuleDefinition::id).toArray(String[]::new);
        String[] weights = rules.stream().map(r -> BigDecimal.valueOf(r.weight()).toPlainString()).toArray(String[]::new);
        String[] caps = rules.stream().map(r -> BigDecimal.valueOf(r.cap()).toPlainString()).toArray(String[]::new);
        var risk = catalogue.risk();
        List<Object> params = List.of(wsKey, runId, ids, weights, caps, BigDecimal.valueOf(risk.medium()),
                BigDecimal.valueOf(risk.high()), BigDecimal.valueOf(risk.critical()), catalogue.caseMinLevel().ordinal());
        Tuple tuple = Tuple.from(params);
        return PhaseTransaction.run(client, connection -> connection
                .preparedQuery("SELECT case_counter FROM workspace WHERE ws_key = $1 FOR UPDATE").execute(Tuple.of(wsKey))
                .flatMap(locked -> {
                    if (locked.size() == 0) {
                        throw new IllegalArgumentException("No workspace " + wsKey);
                    }
                    return connection.preparedQuery(SCORE).execute(tuple);
                })
                .flatMap(scored -> connection.preparedQuery("DELETE FROM case_evidence WHERE ws_key = $1")
                        .execute(Tuple.of(wsKey))
                        .flatMap(cleared -> connection.preparedQuery(EVIDENCE).execute(Tuple.of(wsKey, ids)))
                        .flatMap(ignored -> connection.preparedQuery(BY_LEVEL).execute(Tuple.of(wsKey)))
                        .map(levels -> stats(scored.iterator().next(), levels))));
    }

    private static CaseStats stats(Row scored, RowSet<Row> levels) {
        Map<String, Integer> byLevel = new LinkedHashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            byLevel.put(level.wire(), 0);
        }
        for (Row row : levels) {
            byLevel.put(row.getString("risk_level"), row.getInteger("n"));
        }
        return new CaseStats(scored.getInteger("opened"), scored.getInteger("updated"), byLevel);
    }

    /** Level of a score: $6 medium, $7 high, $8 critical. */
    private static final String LEVEL = """
            CASE WHEN %S >= $8::numeric THEN 'critical' WHEN %S >= $7::numeric THEN 'high'
                 WHEN %S >= $6::numeric THEN 'medium' ELSE 'low' END""";
    private static final String RANK = """
            CASE WHEN %S >= $8::numeric THEN 3 WHEN %S >= $7::numeric THEN 2 WHEN %S >= $6::numeric THEN 1 ELSE 0 END""";

    /**
     * $1 ws_key, $2 run, $3 rule ids, $4 weights, $5 caps (of the enabled rules), $6-$8 level thresholds, $9 the rank
     * of the lowest level with a case. One statement: the scores, the rescored cases, the new cases and the counter
     * share one snapshot.
     */
    private static final String SCORE = """
            WITH weights AS (
                SELECT * FROM unnest($3::text[], $4::text[]::numeric[], $5::text[]::numeric[]) AS w (rule_id, weight, cap)),
            per_rule AS (
                SELECT h.provider_npi, h.rule_id, count(*) AS hits
                  FROM rule_hit h WHERE h.ws_key = $1 AND h.rule_id = ANY ($3::text[])
                 GROUP BY h.provider_npi, h.rule_id),
            scores AS (
                SELECT p.provider_npi, round(least(100, sum(least(w.cap, w.weight * p.hits))), 2) AS score,
                       sum(p.hits)::int4 AS hits
                  FROM per_rule p JOIN weights w ON w.rule_id = p.rule_id
                 GROUP BY p.provider_npi),
            rescored AS (
                UPDATE investigation_case c
                   SET risk_score = coalesce(s.score, 0), risk_level = %LEVEL_S%, hit_count = coalesce(s.hits, 0),
                       run_id = $2, updated_at = now()
                  FROM investigation_case o LEFT JOIN scores s ON s.provider_npi = o.provider_npi
                 WHERE c.ws_key = $1 AND o.ws_key = $1 AND o.case_id = c.case_id
                RETURNING c.provider_npi),
            fresh AS (
                SELECT s.provider_npi, s.score, s.hits, %LEVEL_FRESH% AS level,
                       row_number() OVER (ORDER BY s.score DESC, s.provider_npi COLLATE "C") AS n
                  FROM scores s
                 WHERE %RANK_FRESH% >= $9::int4
                   AND NOT EXISTS (SELECT 1 FROM investigation_case c WHERE c.ws_key = $1 AND c.provider_npi = s.provider_npi)),
            counter AS (
                UPDATE workspace SET case_counter = case_counter + (SELECT count(*) FROM fresh)
                 WHERE ws_key = $1 AND EXISTS (SELECT 1 FROM fresh)
                RETURNING case_counter - (SELECT count(*) FROM fresh) AS base),
            opened AS (
                INSERT INTO investigation_case (ws_key, case_id, provider_npi, risk_score, risk_level, status, assignee,
                                                hit_count, run_id, created_at, updated_at)
                SELECT $1, 'CASE-' || CASE WHEN k.base + f.n < 1000000 THEN lpad((k.base + f.n)::text, 6, '0')
                                           ELSE (k.base + f.n)::text END,
                       f.provider_npi, f.score, f.level, 'open', NULL, f.hits, $2, now(), now()
                  FROM fresh f CROSS JOIN counter k
                RETURNING 1)
            SELECT (SELECT count(*) FROM opened)::int4 AS opened, (SELECT count(*) FROM rescored)::int4 AS updated"""
            .replace("%LEVEL_S%", LEVEL.replace("%S", "coalesce(s.score, 0)"))
            .replace("%LEVEL_FRESH%", LEVEL.replace("%S", "s.score"))
            .replace("%RANK_FRESH%", RANK.replace("%S", "s.score"));

    /**
     * $1 ws_key, $2 enabled rule ids. The evidence of every case of the workspace (after its rows are deleted): each
     * claim with a hit of the case's provider, with the rules that hit it.
     */
    private static final String EVIDENCE = """
            INSERT INTO case_evidence (ws_key, case_id, claim_kind, claim_id, rule_ids)
            SELECT $1, c.case_id, h.claim_kind, h.claim_id, array_agg(h.rule_id ORDER BY h.rule_id)
              FROM rule_hit h JOIN investigation_case c ON c.ws_key = $1 AND c.provider_npi = h.provider_npi
             WHERE h.ws_key = $1 AND h.rule_id = ANY ($2::text[])
             GROUP BY c.case_id, h.claim_kind, h.claim_id""";

    private static final String BY_LEVEL =
            "SELECT risk_level, count(*)::int4 AS n FROM investigation_case WHERE ws_key = $1 GROUP BY risk_level";
}
