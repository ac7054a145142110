package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.QualityMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * The second phase of a job (README: Rules): each enabled rule is one {@code INSERT INTO rule_hit ... SELECT ...
 * ON CONFLICT DO NOTHING} over every eligible claim of the workspace, so new claims are judged against earlier ones,
 * peer statistics include everything, and a hit already recorded stays as it is. Eligible: {@code quality_status =
 * 'passed'} ({@code flag_only}: any checked claim); claims the gate has not seen are not. A hit needs the billing NPI
 * it counts against. Details hold codes, claim ids and numbers only: no member id, no date (dates of service are
 * identifiers of a person's care).
 */
@ApplicationScoped
public class RuleEngine {

    static final List<String> EM_CODES = List.of("99202", "99203", "99204", "99205", "99211", "99212", "99213",
            "99214", "99215");
    static final List<String> EM_HIGHEST = List.of("99205", "99215");

    private final RuleCatalogue catalogue;

    public RuleEngine(RuleCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Evaluates the enabled rules in id order; {@code force}: the workspace's hits are deleted first (a full
     * recompute). Calls {@code rulesDone} with the number of rules done after each (on the connection's event loop:
     * it must not block). Answers the hits each enabled rule recorded now, in id order (a re-run over the same claims
     * records none). Runs in one transaction (see {@link PhaseTransaction}).
     */
    public Uni<Map<String, Long>> run(SqlClient client, long wsKey, UUID runId, QualityMode mode, boolean force,
            IntConsumer rulesDone) {
        List<RuleDefinition> rules = catalogue.enabledRules();
        return PhaseTransaction.run(client, connection -> {
            Uni<Map<String, Long>> chain = Uni.createFrom().item(LinkedHashMap::new);
            if (force) {
                chain = connection.preparedQuery("DELETE FROM rule_hit WHERE ws_key = $1").execute(Tuple.of(wsKey))
                        .replaceWith(chain);
            }
            for (int i = 0; i < rules.size(); i++) {
                RuleDefinition rule = rules.get(i);
                int done = i + 1;
                chain = chain.flatMap(hits -> evaluate(connection, rule, wsKey, runId, mode).map(n -> {
                    hits.put(rule.id(), n);
                    rulesDone.accept(done);
                    return hits;
                }));
            }
            return chain;
        });
    }

    private static Uni<Long> evaluate(SqlConnection connection, RuleDefinition rule, long wsKey, UUID runId,
            QualityMode mode) {
        Statement statement = statement(rule, mode);
        List<Object> params = new ArrayList<>();
        params.add(wsKey);
        params.add(runId);
        params.addAll(statement.params);
        return connection.preparedQuery(statement.sql).execute(Tuple.from(params))
                .map(rows -> (long) rows.rowCount());
    }

    /** A rule's INSERT; its own parameters follow $1 (ws_key) and $2 (run id). */
    record Statement(String sql, List<Object> params) {}

    static Statement statement(RuleDefinition rule, QualityMode mode) {
        KnownRule known = KnownRule.byId(rule.id());
        String eligible = mode == QualityMode.FLAG_ONLY ? "quality_status IS NOT NULL" : "quality_status = 'passed'";
        Statement select = select(known, rule.thresholds());
        String sql = """
                INSERT INTO rule_hit (ws_key, rule_id, claim_kind, claim_id, provider_npi, detail, run_id)
                SELECT $1, '%ID%', '%KIND%', h.claim_id, h.npi, left(h.detail, 200), $2
                  FROM (%SELECT%) h
                 WHERE h.npi IS NOT NULL
                ON CONFLICT DO NOTHING"""
                .replace("%ID%", known.id)
                .replace("%KIND%", known.kind.column())
                .replace("%SELECT%", select.sql);
        // {E x}: claim alias x is eligible (in the workspace, checked, passed unless flag_only)
        sql = sql.replaceAll("\\{E (\\w+)}", "$1.ws_key = \\$1 AND $1." + eligible);
        return new Statement(sql, select.params);
    }

    /** The rule's hits as (claim_id, npi, detail); parameters from $3. */
    private static Statement select(KnownRule rule, Map<String, Object> t) {
        return switch (rule) {
            case MED_001 -> new Statement("""
                    WITH groups AS (
                        SELECT c.provider_npi, c.member_id, c.service_date, c.cpt_code,
                               min(c.claim_id COLLATE "C") AS first_claim
                          FROM medical_claim c
                         WHERE {E c} AND c.provider_npi IS NOT NULL AND c.member_id IS NOT NULL
                           AND c.service_date IS NOT NULL AND c.cpt_code IS NOT NULL
                         GROUP BY c.provider_npi, c.member_id, c.service_date, c.cpt_code HAVING count(*) > 1)
                    SELECT c.claim_id, c.provider_npi AS npi,
                           'duplicate of claim ' || g.first_claim || ' (same provider, member, service date and CPT '
                           || c.cpt_code || ')' AS detail
                      FROM medical_claim c
                      JOIN groups g ON g.provider_npi = c.provider_npi AND g.member_id = c.member_id
                           AND g.service_date = c.service_date AND g.cpt_code = c.cpt_code
                     WHERE {E c} AND c.claim_id COLLATE "C" > g.first_claim""", List.of());
            case MED_002 -> new Statement("""
                    WITH em AS (
                        SELECT c.provider_npi, count(*) AS n_em, count(*) FILTER (WHERE c.cpt_code = ANY ($4)) AS n_high
                          FROM medical_claim c
                         WHERE {E c} AND c.provider_npi IS NOT NULL AND c.cpt_code = ANY ($3)
                         GROUP BY c.provider_npi),
                    share AS (
                        SELECT e.provider_npi, e.n_em, e.n_high, e.n_high::numeric / e.n_em AS share, p.specialty
                          FROM em e JOIN provider p ON p.ws_key = $1 AND p.npi = e.provider_npi
                         WHERE p.specialty IS NOT NULL),
                    peers AS (
                        SELECT s.*, count(*) OVER (PARTITION BY s.specialty) - 1 AS peers,
                               sum(s.share) OVER (PARTITION BY s.specialty) - s.share AS peer_sum
                          FROM share s),
                    upcoders AS (
                        SELECT * FROM peers
                         WHERE n_em >= $5::int8 AND share >= $6::numeric AND peers > 0 AND share * peers >= $7::numeric * peer_sum)
                    SELECT c.claim_id, c.provider_npi AS npi,
                           'highest-level E/M share ' || round(u.share, 3) || ' (' || u.n_high || ' of ' || u.n_em
                           || ' E/M claims), specialty peers ' || round(u.peer_sum / u.peers, 3) || ' over '
                           || u.peers || ' providers' AS detail
                      FROM medical_claim c JOIN upcoders u ON u.provider_npi = c.provider_npi
                     WHERE {E c} AND c.cpt_code = ANY ($4)""",
                    List.of(EM_CODES.toArray(String[]::new), EM_HIGHEST.toArray(String[]::new),
                            (long) (Integer) t.get("min-em-claims"), (BigDecimal) t.get("min-share"),
                            (BigDecimal) t.get("peer-ratio")));
            case MED_003 -> {
                Map<String, Integer> max = codeCounts(t.get("max-units"));
                yield new Statement("""
                        SELECT c.claim_id, c.provider_npi AS npi,
                               'units ' || c.units || ' above the maximum ' || coalesce(m.max_units, $5::int4) || ' of CPT '
                               || c.cpt_code AS detail
                          FROM medical_claim c
                          LEFT JOIN unnest($3::text[], $4::int4[]) AS m (cpt, max_units) ON m.cpt = c.cpt_code
                         WHERE {E c} AND c.units > coalesce(m.max_units, $5::int4)""",
                        List.of(max.keySet().toArray(String[]::new), max.values().toArray(Integer[]::new),
                                (Integer) t.get("default-max-units")));
            }
            case MED_004 -> {
                Map<String, Integer> minutes = codeCounts(t.get("minutes"));
                yield new Statement("""
                        WITH timed AS (
                            SELECT c.claim_id, c.provider_npi, c.service_date, c.units::bigint * m.minutes AS minutes
                              FROM medical_claim c
                              JOIN unnest($3::text[], $4::int4[]) AS m (cpt, minutes) ON m.cpt = c.cpt_code
                             WHERE {E c} AND c.provider_npi IS NOT NULL AND c.service_date IS NOT NULL
                               AND c.units IS NOT NULL),
                        days AS (
                            SELECT provider_npi, service_date, sum(minutes) AS minutes, count(*) AS claims
                              FROM timed GROUP BY provider_npi, service_date HAVING sum(minutes) > $5::int8)
                        SELECT t.claim_id, t.provider_npi AS npi,
                               'provider-day of ' || d.minutes || ' minutes over ' || d.claims
                               || ' time-based claims, more than ' || $5::int8 AS detail
                          FROM timed t JOIN days d ON d.provider_npi = t.provider_npi AND d.service_date = t.service_date""",
                        List.of(minutes.keySet().toArray(String[]::new), minutes.values().toArray(Integer[]::new),
                                (long) (Integer) t.get("max-minutes")));
            }
            case MED_005 -> {
                List<String> codes = new ArrayList<>();
                List<String> components = new ArrayList<>();
                for (Object pair : (List<?>) t.get("pairs")) {
                    Map<?, ?> p = (Map<?, ?>) pair;
                    codes.add((String) p.get("code"));
                    components.add((String) p.get("component"));
                }
                yield new Statement("""
                        SELECT DISTINCT ON (b.claim_id) b.claim_id, b.provider_npi AS npi,
                               'component ' || b.cpt_code || ' billed with ' || p.code || ' (claim ' || a.claim_id
                               || ') for the same member on the same day' AS detail
                          FROM medical_claim b
                          JOIN unnest($3::text[], $4::text[]) AS p (code, component) ON p.component = b.cpt_code
                          JOIN medical_claim a ON {E a} AND a.cpt_code = ANY ($3) AND a.cpt_code = p.code
                               AND a.provider_npi = b.provider_npi AND a.member_id = b.member_id
                               AND a.service_date = b.service_date
                         WHERE {E b} AND b.cpt_code = ANY ($4)
                         ORDER BY b.claim_id, p.code, a.claim_id COLLATE "C\"""",
                        List.of(codes.toArray(String[]::new), components.toArray(String[]::new)));
            }
            case MED_006 -> outlier("medical_claim", "cpt_code", "CPT", "provider_npi", t);
            case RX_002 -> outlier("pharmacy_claim", "ndc_code", "NDC", "pharmacy_npi", t);
            case MED_007 -> member("medical_claim", "service_date", "service", "provider_npi");
            case RX_003 -> member("pharmacy_claim", "fill_date", "fill", "pharmacy_npi");
            case RX_001 -> new Statement("""
                    SELECT claim_id, pharmacy_npi AS npi,
                           'fill after ' || (fill_date - previous_date) || ' days of the ' || previous_supply
                           || '-day supply of claim ' || previous_claim || ' (NDC ' || ndc_code || ')' AS detail
                      FROM (SELECT c.claim_id, c.pharmacy_npi, c.ndc_code, c.fill_date,
                                   lag(c.fill_date) OVER w AS previous_date, lag(c.days_supply) OVER w AS previous_supply,
                                   lag(c.claim_id) OVER w AS previous_claim
                              FROM pharmacy_claim c
                             WHERE {E c} AND c.member_id IS NOT NULL AND c.ndc_code IS NOT NULL AND c.fill_date IS NOT NULL
                            WINDOW w AS (PARTITION BY c.member_id COLLATE "C", c.ndc_code COLLATE "C"
                                         ORDER BY c.fill_date, c.claim_id COLLATE "C")) f
                     WHERE previous_date IS NOT NULL AND (fill_date - previous_date) < $3::numeric * previous_supply""",
                    List.of((BigDecimal) t.get("refill-ratio")));
        };
    }

    private static Statement outlier(String table, String code, String label, String billing, Map<String, Object> t) {
        return new Statement("""
                WITH grp AS (
                    SELECT code, n, mean, sd, mean + $3::numeric * sd AS above
                      FROM (SELECT c.%CODE% AS code, avg(c.amount_billed) AS mean, stddev_pop(c.amount_billed) AS sd,
                                   count(*) AS n
                              FROM %TABLE% c
                             WHERE {E c} AND c.%CODE% IS NOT NULL AND c.amount_billed IS NOT NULL
                             GROUP BY c.%CODE% HAVING count(*) >= $4::int8) s)
                SELECT c.claim_id, c.%BILLING% AS npi,
                       'amount ' || c.amount_billed || ' above ' || round(g.above, 2) || ' (mean ' || round(g.mean, 2)
                       || ' + ' || $3::numeric || ' sd ' || round(g.sd, 2) || ' of the ' || g.n || ' claims of %LABEL% '
                       || g.code || ')' AS detail
                  FROM %TABLE% c JOIN grp g ON g.code = c.%CODE%
                 WHERE {E c} AND c.amount_billed > g.above"""
                .replace("%TABLE%", table).replace("%CODE%", code).replace("%LABEL%", label)
                .replace("%BILLING%", billing),
                List.of((BigDecimal) t.get("sigmas"),
                        (long) (Integer) t.get("min-group-size")));
    }

    private static Statement member(String table, String date, String label, String billing) {
        return new Statement("""
                SELECT c.claim_id, c.%BILLING% AS npi,
                       CASE WHEN m.member_id IS NULL THEN 'member not among the workspace''s members'
                            ELSE '%LABEL% date ' || (c.%DATE% - m.coverage_end) || ' days after the coverage end' END AS detail
                  FROM %TABLE% c
                  LEFT JOIN member m ON m.ws_key = $1 AND m.member_id = c.member_id
                 WHERE {E c} AND c.member_id IS NOT NULL
                   AND (m.member_id IS NULL OR c.%DATE% > m.coverage_end)"""
                .replace("%TABLE%", table).replace("%DATE%", date).replace("%LABEL%", label)
                .replace("%BILLING%", billing), List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> codeCounts(Object value) {
        return (Map<String, Integer>) value;
    }
}
