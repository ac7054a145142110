package dev.parley.pipeline.service;

import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.ClaimKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
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
import java.util.stream.Collectors;

/**
 * The first phase of a job (README: Quality gates): every claim in scope gets its issues and a {@code quality_status}.
 *
 * <p>One statement per claim kind does it all, so it sees one snapshot of the workspace: a claim uploaded while the
 * gate runs is neither checked nor marked (it stays {@code quality_status} NULL, not eligible for the rules, and in
 * scope of the next run). Duplicates and outlier statistics are computed over every claim of the workspace, in scope
 * or not; the issues are computed for the claims in scope only. Rows whose status does not change are not written.
 */
@ApplicationScoped
public class QualityGate {

    /** Issue types in the README's order; the first three are errors. */
    static final List<String> ISSUE_TYPES = List.of("missing_field", "invalid_value", "unknown_provider", "duplicate",
            "outlier", "unknown_member");

    /** Changed rows of a claim table (uploaded, or given a status by the gate) after which the gate analyzes it. */
    static final long ANALYZE_AFTER = 10_000;

    private final PipelineConfig.Quality config;

    public QualityGate(PipelineConfig config) {
        this.config = config.quality();
    }

    /**
     * Checks the claims of the workspace with {@code processed_run IS NULL} (every claim when {@code force}) and sets
     * their {@code quality_status}. Marking them processed is the job's business ({@code runId} is not written here).
     * Runs in one transaction (see {@link PhaseTransaction}).
     */
    public Uni<QualityReport> run(SqlClient client, long wsKey, UUID runId, boolean force) {
        int limit = config.reportedIssues();
        Tuple params = Tuple.of(wsKey, (long) config.minGroupSize(), plain(config.outlierSigmas()), limit);
        return PhaseTransaction.run(client, connection -> check(connection, MEDICAL, force, params)
                .flatMap(medical -> check(connection, PHARMACY, force, params)
                        .map(pharmacy -> report(List.of(medical, pharmacy), limit))));
    }

    /** A double as the decimal it reads as, without trailing zeros ({@code 3}, not {@code 3.0}). */
    static BigDecimal plain(double value) {
        return new BigDecimal(BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    private record KindResult(ClaimKind kind, long total, long failed, Map<String, Long> counts, List<QualityIssue> issues) {}

    /**
     * Analyzes a claim table whose statistics miss many of its rows (an upload just copied them and autovacuum has not
     * come by yet): planned on a table it believes empty, the gate's joins hash the wrong side.
     */
    private static Uni<Void> analyzeIfStale(SqlConnection connection, KindSql kind) {
        return connection.preparedQuery("""
                        SELECT s.n_mod_since_analyze >= $2 AND s.n_mod_since_analyze > 0.1 * greatest(c.reltuples, 0) AS stale
                          FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                         WHERE s.relid = to_regclass($1)""")
                .execute(Tuple.of(kind.table, ANALYZE_AFTER))
                .flatMap(rows -> rows.size() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("stale"))
                        ? connection.query("ANALYZE " + kind.table).execute().replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    private static Uni<KindResult> check(SqlConnection connection, KindSql kind, boolean force, Tuple params) {
        // nothing in scope (a re-run): the statement would still aggregate the whole workspace
        String anyInScope = "SELECT EXISTS (SELECT 1 FROM " + kind.table + " c WHERE c.ws_key = $1 AND "
                + (force ? "true" : "c.processed_run IS NULL") + ")";
        return connection.preparedQuery(anyInScope).execute(Tuple.of(params.getLong(0))).flatMap(any ->
                any.iterator().next().getBoolean(0)
                        ? checkScope(connection, kind, force, params)
                        : Uni.createFrom().item(new KindResult(kind.kind, 0, 0, Map.of(), List.of())));
    }

    private static Uni<KindResult> checkScope(SqlConnection connection, KindSql kind, boolean force, Tuple params) {
        return analyzeIfStale(connection, kind).flatMap(ignored -> connection.preparedQuery(kind.statement(force))
                .execute(params)).call(rows -> {
            // the rules select claims by quality_status: statistics that still see the claims unchecked would plan
            // them as a handful of rows (sorts and joins sized for one row over a million)
            long changed = rows.iterator().next().getLong("changed");
            return changed >= ANALYZE_AFTER ? connection.query("ANALYZE " + kind.table).execute() : Uni.createFrom().voidItem();
        }).map(rows -> {
            Row row = rows.iterator().next();
            Map<String, Long> counts = new LinkedHashMap<>();
            JsonObject countJson = row.getJsonObject("counts");
            if (countJson != null) {
                countJson.forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
            }
            List<QualityIssue> issues = new ArrayList<>();
            JsonArray listing = row.getJsonArray("listing");
            if (listing != null) {
                for (int i = 0; i < listing.size(); i++) {
                    JsonArray issue = listing.getJsonArray(i);
                    String type = issue.getString(1);
                    issues.add(new QualityIssue(issue.getString(0), kind.kind.column(), type,
                            ISSUE_TYPES.indexOf(type) < 3 ? "error" : "warning", issue.getString(2)));
                }
            }
            return new KindResult(kind.kind, row.getLong("total"), row.getLong("failed"), counts, issues);
        });
    }

    private static QualityReport report(List<KindResult> kinds, int limit) {
        long total = 0;
        long failed = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        ISSUE_TYPES.forEach(type -> counts.put(type, 0L));
        List<QualityIssue> issues = new ArrayList<>();
        for (KindResult kind : kinds) {
            total += kind.total;
            failed += kind.failed;
            kind.counts.forEach((type, n) -> counts.merge(type, n, Long::sum));
            issues.addAll(kind.issues);
        }
        return new QualityReport(total, total - failed, failed, counts,
                issues.size() > limit ? issues.subList(0, limit) : issues);
    }

    // --- the statements ---------------------------------------------------------------------------------------------

    /**
     * The workspace's providers with the NPI check made once each. Joined on {@code provider.npi} as it is (the claim's
     * NPI cast to char): the planner knows the column's statistics and hashes the small side.
     */
    private static final String PROVIDERS = "(SELECT npi, npi_valid(npi::text) AS npi_ok FROM provider WHERE ws_key = $1)";

    /** What differs between the kinds: table, columns, formats. */
    private record KindSql(ClaimKind kind, String table, String npi, String otherNpi, String code, String codeLabel,
                           String codeFormat, List<String> required, List<String[]> invalid,
                           List<String> duplicateKey, String duplicateText) {

        /**
         * $1 ws_key, $2 min group size, $3 sigmas, $4 issues listed.
         *
         * <p>The costly checks are made once per distinct value, not per claim: the NPI check once per provider of the
         * workspace (a claim's NPI is looked up there, and only NPIs not on file are checked one by one), the code
         * format once per code with its amount statistics. Claims are flagged by cheap tests first; the detail texts
         * are built for flagged claims only. {@code issues} is materialized: the status update, the counts and the
         * listing read it.
         */
        String statement(boolean force) {
            String scope = force ? "true" : "c.processed_run IS NULL";
            String keys = String.join(", ", duplicateKey);
            String keysPresent = duplicateKey.stream().map(k -> k + " IS NOT NULL").collect(Collectors.joining(" AND "));
            String keysJoin = duplicateKey.stream().map(k -> "d." + k + " = c." + k).collect(Collectors.joining(" AND "));
            String anyMissing = required.stream().map(f -> "k." + f + " IS NULL").collect(Collectors.joining(" OR "));
            String missing = required.stream().map(f -> "CASE WHEN k." + f + " IS NULL THEN '" + f + "' END")
                    .collect(Collectors.joining(", "));
            String anyInvalid = invalid.stream().map(check -> "(" + check[0] + ")").collect(Collectors.joining(" OR "));
            String invalids = invalid.stream().map(check -> "CASE WHEN " + check[0] + " THEN " + check[1] + " END")
                    .collect(Collectors.joining(",\n                           "));
            String otherJoin = otherNpi == null ? "" : "LEFT JOIN " + PROVIDERS + " q ON q.npi = c." + otherNpi + "::bpchar";
            String otherOk = otherNpi == null ? "" : "coalesce(q.npi_ok, npi_valid(c." + otherNpi + ")) AS other_npi_ok,";
            return """
                    WITH dup AS (
                        SELECT %KEYS%, count(*) AS n FROM %TABLE%
                         WHERE ws_key = $1 AND %KEYS_PRESENT%
                         GROUP BY %KEYS% HAVING count(*) > 1),
                    codes AS (
                        SELECT %CODE% AS code, %CODE% ~ '%CODE_FORMAT%' AS code_ok, count(amount_billed) AS n,
                               avg(amount_billed) AS mean, stddev_pop(amount_billed) AS sd
                          FROM %TABLE% WHERE ws_key = $1 AND %CODE% IS NOT NULL
                         GROUP BY %CODE%),
                    limits AS (
                        SELECT code, code_ok, n, mean, sd,
                               CASE WHEN n >= $2::int8 THEN mean + $3::numeric * sd END AS outlier_above
                          FROM codes),
                    checked AS (
                        SELECT c.*, p.npi IS NOT NULL AS known_provider, coalesce(p.npi_ok, npi_valid(c.%NPI%)) AS npi_ok,
                               %OTHER_OK% g.code_ok, g.n AS group_n, g.mean AS group_mean, g.sd AS group_sd,
                               g.outlier_above, d.n AS duplicates, m.member_id IS NOT NULL AS known_member
                          FROM %TABLE% c
                          LEFT JOIN %PROVIDERS% p ON p.npi = c.%NPI%::bpchar
                          %OTHER_JOIN%
                          LEFT JOIN member m ON m.ws_key = $1 AND m.member_id = c.member_id
                          LEFT JOIN dup d ON %KEYS_JOIN%
                          LEFT JOIN limits g ON g.code = c.%CODE%
                         WHERE c.ws_key = $1 AND %SCOPE%),
                    issues AS MATERIALIZED (
                        SELECT k.claim_id, i.ord, i.issue_type, left(i.detail, 200) AS detail
                          FROM checked k
                         CROSS JOIN LATERAL (VALUES
                               (1, 'missing_field', NULLIF(concat_ws(', ', %MISSING%), '')),
                               (2, 'invalid_value', NULLIF(concat_ws('; ',
                           %INVALID%), '')),
                               (3, 'unknown_provider', CASE WHEN k.%NPI% IS NOT NULL AND NOT k.known_provider
                                    THEN '%NPI% ' || k.%NPI% || ' is not among the workspace''s providers' END),
                               (4, 'duplicate', CASE WHEN k.duplicates IS NOT NULL
                                    THEN '%DUP_TEXT% as ' || (k.duplicates - 1) || ' other claim(s)' END),
                               (5, 'outlier', CASE WHEN k.amount_billed > k.outlier_above
                                    THEN 'amount_billed ' || k.amount_billed || ' above ' || round(k.outlier_above, 2)
                                         || ' (mean ' || round(k.group_mean, 2) || ' + ' || $3::numeric || ' sd '
                                         || round(k.group_sd, 2) || ' of the ' || k.group_n || ' claims of %CODE_LABEL% '
                                         || k.%CODE% || ')' END),
                               (6, 'unknown_member', CASE WHEN k.member_id IS NOT NULL AND NOT k.known_member
                                    THEN 'member_id is not among the workspace''s members' END)
                         ) AS i (ord, issue_type, detail)
                         WHERE (%ANY_MISSING% OR %ANY_INVALID% OR (k.%NPI% IS NOT NULL AND NOT k.known_provider)
                                OR k.duplicates IS NOT NULL OR k.amount_billed > k.outlier_above
                                OR (k.member_id IS NOT NULL AND NOT k.known_member))
                           AND i.detail IS NOT NULL),
                    failed AS (SELECT DISTINCT claim_id FROM issues WHERE ord <= 3),
                    upd AS (
                        UPDATE %TABLE% c
                           SET quality_status = CASE WHEN c.claim_id IN (SELECT claim_id FROM failed) THEN 'failed' ELSE 'passed' END
                         WHERE c.ws_key = $1 AND %SCOPE%
                           AND c.quality_status IS DISTINCT FROM
                               CASE WHEN c.claim_id IN (SELECT claim_id FROM failed) THEN 'failed' ELSE 'passed' END
                        RETURNING 1)
                    SELECT (SELECT count(*) FROM %TABLE% c WHERE c.ws_key = $1 AND %SCOPE%) AS total,
                           (SELECT count(*) FROM failed) AS failed,
                           (SELECT count(*) FROM upd) AS changed,
                           (SELECT json_object_agg(issue_type, n)
                              FROM (SELECT issue_type, count(*) AS n FROM issues GROUP BY issue_type) x) AS counts,
                           (SELECT json_agg(json_build_array(claim_id, issue_type, detail) ORDER BY claim_id COLLATE "C", ord)
                              FROM (SELECT claim_id, ord, issue_type, detail FROM issues
                                     ORDER BY claim_id COLLATE "C", ord LIMIT $4::int4) x) AS listing
                    """
                    .replace("%KEYS_PRESENT%", keysPresent)
                    .replace("%KEYS_JOIN%", keysJoin)
                    .replace("%KEYS%", keys)
                    .replace("%ANY_MISSING%", anyMissing)
                    .replace("%MISSING%", missing)
                    .replace("%ANY_INVALID%", anyInvalid)
                    .replace("%INVALID%", invalids)
                    .replace("%OTHER_JOIN%", otherJoin)
                    .replace("%PROVIDERS%", PROVIDERS)
                    .replace("%OTHER_OK%", otherOk)
                    .replace("%DUP_TEXT%", duplicateText)
                    .replace("%CODE_LABEL%", codeLabel)
                    .replace("%CODE_FORMAT%", codeFormat)
                    .replace("%CODE%", code)
                    .replace("%NPI%", npi)
                    .replace("%SCOPE%", scope)
                    .replace("%TABLE%", table);
        }
    }

    /** Invalid-value checks over a {@code checked} row {@code k}: condition, detail. */
    private static String[] dateRange(String column) {
        return new String[] {"k." + column + " < DATE '1900-01-01' OR k." + column + " > current_date + 1",
                "'" + column + " outside 1900-01-01..today+1'"};
    }

    private static String[] atLeastOne(String column) {
        return new String[] {"k." + column + " < 1", "'" + column + " ' || k." + column + " || ' < 1'"};
    }

    private static String[] positive(String column) {
        return new String[] {"k." + column + " <= 0", "'" + column + " ' || k." + column + " || ' <= 0'"};
    }

    private static final KindSql MEDICAL = new KindSql(ClaimKind.MEDICAL, "medical_claim", "provider_npi", null,
            "cpt_code", "CPT", "^[0-9]{4}[0-9A-Z]$",
            List.of("member_id", "provider_npi", "service_date", "cpt_code", "units", "amount_billed", "diagnosis_code",
                    "place_of_service"),
            List.of(dateRange("service_date"), atLeastOne("units"), positive("amount_billed"),
                    new String[] {"NOT k.code_ok", "'cpt_code is not 4 digits and a digit or capital letter'"},
                    new String[] {"NOT k.npi_ok", "'provider_npi is not 10 digits passing the NPI check'"}),
            List.of("provider_npi", "member_id", "service_date", "cpt_code"),
            "same provider, member, service date and CPT");

    private static final KindSql PHARMACY = new KindSql(ClaimKind.PHARMACY, "pharmacy_claim", "pharmacy_npi",
            "prescriber_npi", "ndc_code", "NDC", "^[0-9]{11}$",
            List.of("member_id", "pharmacy_npi", "prescriber_npi", "fill_date", "ndc_code", "quantity", "days_supply",
                    "amount_billed"),
            List.of(dateRange("fill_date"), positive("quantity"), atLeastOne("days_supply"), positive("amount_billed"),
                    new String[] {"NOT k.code_ok", "'ndc_code is not 11 digits'"},
                    new String[] {"NOT k.npi_ok", "'pharmacy_npi is not 10 digits passing the NPI check'"},
                    new String[] {"NOT k.other_npi_ok", "'prescriber_npi is not 10 digits passing the NPI check'"}),
            List.of("member_id", "fill_date", "ndc_code"),
            "same member, fill date and NDC");
}
