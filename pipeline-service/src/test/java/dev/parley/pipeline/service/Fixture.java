package dev.parley.pipeline.service;

import dev.parley.pipeline.domain.QualityMode;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A workspace of its own with providers, members and claims written straight to the tables (what an upload stores),
 * and the three phases run over it as the job runner will: gate, mark the checked claims processed, rules, scoring.
 */
final class Fixture {

    static final Duration WAIT = Duration.ofMinutes(3);
    static final UUID UPLOAD = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final SecureRandom RANDOM = new SecureRandom();

    final Pool pool;
    final long wsKey;
    final String tenantHash;
    final String workspaceId;
    private final List<Tuple> providers = new ArrayList<>();
    private final List<Tuple> members = new ArrayList<>();
    private final List<Medical> medical = new ArrayList<>();
    private final List<Pharmacy> pharmacy = new ArrayList<>();

    private Fixture(Pool pool, long wsKey, String tenantHash, String workspaceId) {
        this.pool = pool;
        this.wsKey = wsKey;
        this.tenantHash = tenantHash;
        this.workspaceId = workspaceId;
    }

    /** A fresh workspace of a fresh tenant. */
    static Fixture create(Pool pool) {
        byte[] tenant = new byte[32];
        RANDOM.nextBytes(tenant);
        return create(pool, HexFormat.of().formatHex(tenant), "ws-" + UUID.randomUUID());
    }

    static Fixture create(Pool pool, String tenantHash, String workspaceId) {
        long wsKey = pool.preparedQuery("INSERT INTO workspace (tenant_hash, workspace_id) VALUES ($1, $2) RETURNING ws_key")
                .execute(Tuple.of(tenantHash, workspaceId)).await().atMost(WAIT).iterator().next().getLong(0);
        return new Fixture(pool, wsKey, tenantHash, workspaceId);
    }

    Fixture provider(String npi, String specialty) {
        providers.add(Tuple.of(wsKey, npi, "Provider " + npi, specialty, "CA", UPLOAD));
        return this;
    }

    Fixture member(String memberId, String coverageEnd) {
        members.add(Tuple.tuple(Arrays.asList(wsKey, memberId, "enc:first", "enc:last", "enc:dob",
                coverageEnd == null ? null : LocalDate.parse(coverageEnd), UPLOAD)));
        return this;
    }

    /** A medical claim with valid defaults: change what the test is about. */
    Medical medical(String claimId, String memberId, String npi, String serviceDate, String cpt) {
        Medical claim = new Medical(claimId, memberId, npi, serviceDate, cpt);
        medical.add(claim);
        return claim;
    }

    Pharmacy pharmacy(String claimId, String memberId, String pharmacyNpi, String fillDate, String ndc) {
        Pharmacy claim = new Pharmacy(claimId, memberId, pharmacyNpi, fillDate, ndc);
        pharmacy.add(claim);
        return claim;
    }

    /** Writes what was added since the last save. */
    Fixture save() {
        if (!providers.isEmpty()) {
            pool.preparedQuery("INSERT INTO provider (ws_key, npi, name, specialty, state, upload_id) VALUES ($1, $2, $3, $4, $5, $6)")
                    .executeBatch(providers).await().atMost(WAIT);
        }
        if (!members.isEmpty()) {
            pool.preparedQuery("INSERT INTO member (ws_key, member_id, first_name_enc, last_name_enc, date_of_birth_enc,"
                    + " coverage_end, upload_id) VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatch(members).await().atMost(WAIT);
        }
        if (!medical.isEmpty()) {
            List<Tuple> rows = medical.stream().map(c -> Tuple.tuple(Arrays.asList(wsKey, c.claimId, c.memberId, c.npi,
                    c.serviceDate == null ? null : LocalDate.parse(c.serviceDate), c.cpt, c.units,
                    c.amount == null ? null : new BigDecimal(c.amount), c.diagnosis, c.placeOfService, UPLOAD))).toList();
            pool.preparedQuery("INSERT INTO medical_claim (ws_key, claim_id, member_id, provider_npi, service_date, cpt_code,"
                    + " units, amount_billed, diagnosis_code, place_of_service, upload_id)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)").executeBatch(rows).await().atMost(WAIT);
        }
        if (!pharmacy.isEmpty()) {
            List<Tuple> rows = pharmacy.stream().map(c -> Tuple.tuple(Arrays.asList(wsKey, c.claimId, c.memberId,
                    c.pharmacyNpi, c.prescriberNpi, c.fillDate == null ? null : LocalDate.parse(c.fillDate), c.ndc,
                    c.quantity == null ? null : new BigDecimal(c.quantity), c.daysSupply,
                    c.amount == null ? null : new BigDecimal(c.amount), UPLOAD))).toList();
            pool.preparedQuery("INSERT INTO pharmacy_claim (ws_key, claim_id, member_id, pharmacy_npi, prescriber_npi,"
                    + " fill_date, ndc_code, quantity, days_supply, amount_billed, upload_id)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)").executeBatch(rows).await().atMost(WAIT);
        }
        providers.clear();
        members.clear();
        medical.clear();
        pharmacy.clear();
        return this;
    }

    // --- the phases, as the job runner runs them ---------------------------------------------------------------------

    QualityReport gate(QualityGate gate, boolean force) {
        return gate.run(pool, wsKey, UUID.randomUUID(), force).await().atMost(WAIT);
    }

    /** What the job does at its end: the claims the gate checked (and had not processed, unless forced) are the run's. */
    void markProcessed(UUID runId, boolean force) {
        String scope = force ? "" : " AND processed_run IS NULL";
        for (String table : List.of("medical_claim", "pharmacy_claim")) {
            pool.preparedQuery("UPDATE " + table + " SET processed_run = $2 WHERE ws_key = $1 AND quality_status IS NOT NULL"
                    + scope).execute(Tuple.of(wsKey, runId)).await().atMost(WAIT);
        }
    }

    void markProcessed(UUID runId) {
        markProcessed(runId, false);
    }

    Map<String, Long> rules(RuleEngine engine, QualityMode mode, boolean force) {
        return engine.run(pool, wsKey, UUID.randomUUID(), mode, force, n -> {}).await().atMost(WAIT);
    }

    CaseStats score(RiskScoring scoring) {
        return scoring.run(pool, wsKey, UUID.randomUUID()).await().atMost(WAIT);
    }

    /** Gate, mark, rules, scoring. */
    CaseStats pipeline(QualityGate gate, RuleEngine engine, RiskScoring scoring, QualityMode mode, boolean force) {
        UUID run = UUID.randomUUID();
        gate.run(pool, wsKey, run, force).await().atMost(WAIT);
        markProcessed(run, force);
        engine.run(pool, wsKey, run, mode, force, n -> {}).await().atMost(WAIT);
        return scoring.run(pool, wsKey, run).await().atMost(WAIT);
    }

    // --- reading back ------------------------------------------------------------------------------------------------

    /** The claim ids a rule hit. */
    Set<String> hits(String ruleId) {
        Set<String> ids = new TreeSet<>();
        for (Row row : pool.preparedQuery("SELECT claim_id FROM rule_hit WHERE ws_key = $1 AND rule_id = $2")
                .execute(Tuple.of(wsKey, ruleId)).await().atMost(WAIT)) {
            ids.add(row.getString(0));
        }
        return ids;
    }

    /** Every hit as rule -> claim ids. */
    Map<String, Set<String>> allHits() {
        Map<String, Set<String>> hits = new TreeMap<>();
        for (Row row : pool.preparedQuery("SELECT rule_id, claim_id FROM rule_hit WHERE ws_key = $1")
                .execute(Tuple.of(wsKey)).await().atMost(WAIT)) {
            hits.computeIfAbsent(row.getString(0), k -> new TreeSet<>()).add(row.getString(1));
        }
        return hits;
    }

    String detail(String ruleId, String claimId) {
        var rows = pool.preparedQuery("SELECT detail FROM rule_hit WHERE ws_key = $1 AND rule_id = $2 AND claim_id = $3")
                .execute(Tuple.of(wsKey, ruleId, claimId)).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next().getString(0);
    }

    String status(String table, String claimId) {
        return pool.preparedQuery("SELECT quality_status FROM " + table + " WHERE ws_key = $1 AND claim_id = $2")
                .execute(Tuple.of(wsKey, claimId)).await().atMost(WAIT).iterator().next().getString(0);
    }

    /** Rows of a query as lists of text values, in the query's order: for comparing whole table contents. */
    List<List<String>> rows(String sql) {
        List<List<String>> result = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(wsKey)).await().atMost(WAIT)) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                Object value = row.getValue(i);
                values.add(value == null ? null : value instanceof Object[] array ? Arrays.toString(array) : value.toString());
            }
            result.add(values);
        }
        return result;
    }

    /** rule_hit, investigation_case and case_evidence of the workspace, without run ids and times. */
    List<List<String>> outcome() {
        List<List<String>> all = new ArrayList<>();
        all.addAll(rows("SELECT 'hit', rule_id, claim_kind, claim_id, provider_npi, detail FROM rule_hit WHERE ws_key = $1"
                + " ORDER BY rule_id, claim_id"));
        all.addAll(rows("SELECT 'case', case_id, provider_npi, risk_score::text, risk_level, status, assignee, hit_count::text"
                + " FROM investigation_case WHERE ws_key = $1 ORDER BY case_id"));
        all.addAll(rows("SELECT 'evidence', case_id, claim_kind, claim_id, rule_ids::text FROM case_evidence WHERE ws_key = $1"
                + " ORDER BY case_id, claim_kind, claim_id"));
        return all;
    }

    /** Deletes everything of the workspace. */
    void drop() {
        for (String sql : List.of("DELETE FROM case_evidence WHERE ws_key = $1", "DELETE FROM case_comment WHERE ws_key = $1",
                "DELETE FROM investigation_case WHERE ws_key = $1", "DELETE FROM rule_hit WHERE ws_key = $1",
                "DELETE FROM medical_claim WHERE ws_key = $1", "DELETE FROM pharmacy_claim WHERE ws_key = $1",
                "DELETE FROM member WHERE ws_key = $1", "DELETE FROM provider WHERE ws_key = $1",
                "DELETE FROM pipeline_run WHERE ws_key = $1", "DELETE FROM upload WHERE ws_key = $1",
                "DELETE FROM workspace WHERE ws_key = $1")) {
            pool.preparedQuery(sql).execute(Tuple.of(wsKey)).await().atMost(WAIT);
        }
    }

    // --- claim builders ----------------------------------------------------------------------------------------------

    static final class Medical {
        String claimId;
        String memberId;
        String npi;
        String serviceDate;
        String cpt;
        Integer units = 1;
        String amount = "100.00";
        String diagnosis = "J06.9";
        String placeOfService = "11";

        Medical(String claimId, String memberId, String npi, String serviceDate, String cpt) {
            this.claimId = claimId;
            this.memberId = memberId;
            this.npi = npi;
            this.serviceDate = serviceDate;
            this.cpt = cpt;
        }

        Medical units(Integer units) {
            this.units = units;
            return this;
        }

        Medical amount(String amount) {
            this.amount = amount;
            return this;
        }

        Medical diagnosis(String diagnosis) {
            this.diagnosis = diagnosis;
            return this;
        }

        Medical placeOfService(String placeOfService) {
            this.placeOfService = placeOfService;
            return this;
        }
    }

    static final class Pharmacy {
        String claimId;
        String memberId;
        String pharmacyNpi;
        String prescriberNpi = TestNpi.valid(999_000_001L);
        String fillDate;
        String ndc;
        String quantity = "30";
        Integer daysSupply = 30;
        String amount = "50.00";

        Pharmacy(String claimId, String memberId, String pharmacyNpi, String fillDate, String ndc) {
            this.claimId = claimId;
            this.memberId = memberId;
            this.pharmacyNpi = pharmacyNpi;
            this.fillDate = fillDate;
            this.ndc = ndc;
        }

        Pharmacy prescriber(String npi) {
            this.prescriberNpi = npi;
            return this;
        }

        Pharmacy quantity(String quantity) {
            this.quantity = quantity;
            return this;
        }

        Pharmacy daysSupply(Integer daysSupply) {
            this.daysSupply = daysSupply;
            return this;
        }

        Pharmacy amount(String amount) {
            this.amount = amount;
            return this;
        }
    }
}
