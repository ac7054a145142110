package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.agent.client.PipelineViews;
import dev.parley.agent.domain.Classification;
import dev.parley.agent.domain.Confidence;
import dev.parley.agent.domain.Entities;
import dev.parley.agent.domain.Intent;
import dev.parley.agent.domain.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FastPathTest {

    private static final IntentClassifier CLASSIFIER = new IntentClassifier();
    private final FastPath fastPath = new FastPath();

    private Optional<FastQuery> match(String message) {
        return fastPath.match(message, CLASSIFIER.classify(message, null));
    }

    // --- matching -------------------------------------------------------------------------------------------------

    @Test
    void onlyAConfidentQueryIsEverMatched() {
        Entities none = Entities.NONE;
        assertThat(fastPath.match("workspace stats", new Classification(Intent.QUERY, 0.95, none, false))).isPresent();
        assertThat(fastPath.match("workspace stats", new Classification(Intent.REPORT, 0.95, none, false))).isEmpty();
        assertThat(fastPath.match("workspace stats", new Classification(Intent.QUERY, 0.95, none, true))).isEmpty();
        assertThat(fastPath.match("workspace stats", new Classification(Intent.QUERY, 0.4, none, false))).isEmpty();
        assertThat(fastPath.match(null, new Classification(Intent.QUERY, 0.95, none, false))).isEmpty();
        assertThat(fastPath.match("workspace stats", null)).isEmpty();
    }

    @Test
    void anNpiPlaceholderResolvedByTheClassifierIsLookedUpByItsNpi() {
        IntentClassifier.Analysis analysis = CLASSIFIER.analyze("show provider ⟦NPI_1⟧", null,
                Map.of("⟦NPI_1⟧", "1234567893"));
        assertThat(fastPath.match("show provider ⟦NPI_1⟧", analysis.classification()))
                .contains(FastQuery.ProviderLookup.ofNpi("1234567893"));
        FastQuery.ProviderLookup byPlaceholder = (FastQuery.ProviderLookup) match("show provider ⟦NPI_1⟧").orElseThrow();
        assertThat(byPlaceholder.needsResolving()).isTrue();
        assertThat(byPlaceholder.resolve(Map.of("⟦NPI_1⟧", "123-456-7893")))
                .isEqualTo(FastQuery.ProviderLookup.ofNpi("1234567893"));
        assertThat(byPlaceholder.resolve(Map.of("⟦NPI_1⟧", "1234567890"))).isSameAs(byPlaceholder);
        assertThat(byPlaceholder.resolve(Map.of())).isSameAs(byPlaceholder);
    }

    @Test
    void aMessageWithTooManyWordsIsNotAFastQuestion() {
        String message = "show the top cases " + "please ".repeat(40);
        assertThat(match(message)).isEmpty();
    }

    @Test
    void numbersMustBeCounts() {
        assertThat(match("top 5 cases")).contains(new FastQuery.TopRiskCases(5, null, null));
        assertThat(match("top 0 cases")).isEmpty();
        assertThat(match("top 101 cases")).isEmpty();
        assertThat(match("cases with score 90")).isEmpty();
        assertThat(match("top 3 and top 5 cases")).isEmpty();
    }

    @Test
    void toolNamesAreTheReplysToolCalls() {
        assertThat(new FastQuery.WorkspaceStats().tool()).isEqualTo("query_pipeline_stats");
        assertThat(new FastQuery.TopRiskCases(1, null, null).tool()).isEqualTo("query_cases");
        assertThat(new FastQuery.CaseDetail("CASE-000123").tool()).isEqualTo("query_case_detail");
        assertThat(new FastQuery.RuleStats(true, null).tool()).isEqualTo("query_rules");
        assertThat(FastQuery.ProviderLookup.ofNpi("1234567893").tool()).isEqualTo("query_provider");
        assertThatThrownBy(() -> new FastQuery.ProviderLookup(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FastQuery.TopRiskCases(0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- workspace statistics -----------------------------------------------------------------------------------

    private static PipelineViews.Stats stats(long medical, long cases, PipelineViews.LastRun run, boolean reprocess) {
        Map<String, Long> byLevel = new LinkedHashMap<>();
        byLevel.put("low", 5L);
        byLevel.put("critical", 2L);
        byLevel.put("high", 0L);
        return new PipelineViews.Stats("ws-1", new PipelineViews.Claims(medical, 40, 3, 1), 12, 999, 57,
                new PipelineViews.CaseCounts(cases, cases == 0 ? Map.of() : byLevel,
                        cases == 0 ? Map.of() : Map.of("open", 6L, "in_review", 1L)),
                run, reprocess);
    }

    @Test
    void statsPresent() {
        PipelineViews.LastRun run = new PipelineViews.LastRun("7d1c1f7e-0000-4000-8000-000000000001", "completed",
                Instant.parse("2025-03-14T10:22:00Z"), Instant.parse("2025-03-14T10:25:30Z"), 1540L);
        FastAnswer answer = fastPath.answer(new FastQuery.WorkspaceStats(), stats(1500, 7, run, true));
        assertThat(answer.text()).contains("**Workspace statistics**")
                .contains("- Claims: 1500 medical, 40 pharmacy (3 not yet processed, 1 failed quality checks)")
                .contains("- Providers: 12").contains("- Rule hits: 57")
                .contains("- Cases: 7 (by risk level: critical 2, low 5; by status: open 6, in review 1)")
                .contains("- Last run: completed, started 2025-03-14 10:22 UTC, finished 2025-03-14 10:25 UTC, "
                        + "1540 claims processed")
                .contains("the pipeline needs to run again")
                .doesNotContain("999").doesNotContainIgnoringCase("member");
        assertThat(answer.sources()).containsExactly(new Source("stats", "ws-1", "Workspace statistics", "/stats"),
                new Source("run", "7d1c1f7e-0000-4000-8000-000000000001", "Last pipeline run",
                        "/runs/7d1c1f7e-0000-4000-8000-000000000001"));
        assertThat(answer.toolCalls()).containsExactly("query_pipeline_stats");
        assertThat(answer.confidence()).isEqualTo(Confidence.HIGH);
    }

    @Test
    void statsEmptyAndPartial() {
        FastAnswer empty = fastPath.answer(new FastQuery.WorkspaceStats(), stats(0, 0, null, false));
        // 40 pharmacy claims: not empty, but no cases and no run yet
        assertThat(empty.text()).contains("- Cases: none yet").contains("- Last run: none yet")
                .doesNotContain("run again");
        FastAnswer nothing = fastPath.answer(new FastQuery.WorkspaceStats(),
                new PipelineViews.Stats("ws-1", new PipelineViews.Claims(0, 0, 0, 0), 0, 0, 0,
                        new PipelineViews.CaseCounts(0, Map.of(), Map.of()), null, false));
        assertThat(nothing.text()).startsWith("This workspace has no claims and no cases yet.");
        assertThat(fastPath.answer(new FastQuery.WorkspaceStats(), null).text())
                .startsWith("This workspace has no claims and no cases yet.");
        FastAnswer noBreakdown = fastPath.answer(new FastQuery.WorkspaceStats(),
                new PipelineViews.Stats("ws-1", null, 0, 0, 0, new PipelineViews.CaseCounts(3, null, null),
                        new PipelineViews.LastRun(null, "failed", null, null, null), false));
        assertThat(noBreakdown.text()).contains("- Cases: 3\n").contains("- Last run: failed")
                .contains("- Claims: 0 medical, 0 pharmacy");
        assertThat(noBreakdown.sources()).hasSize(1);
    }

    // --- top-risk cases ------------------------------------------------------------------------------------------

    private static PipelineViews.CaseSummary summary(String id, String score, String level, String status,
            String name) {
        return new PipelineViews.CaseSummary(id, "1234567893", name, "Cardiology",
                score == null ? null : new BigDecimal(score), level, status, null, 4, Instant.parse("2025-03-14T00:00:00Z"));
    }

    @Test
    void topCasesPresent() {
        PipelineViews.CasePage page = new PipelineViews.CasePage(List.of(
                summary("CASE-000001", "97.45", "critical", "open", "Dr. A [x](javascript:alert(1))"),
                summary("CASE-000002", "80", "high", "in_review", null)), "cursor-2");
        FastAnswer answer = fastPath.answer(new FastQuery.TopRiskCases(2, null, null), page);
        assertThat(answer.text()).startsWith("**The 2 highest-risk cases**")
                .contains("| CASE-000001 | critical | 97.5 | open | Dr. A \\[x\\](javascript:alert(1)) (Cardiology) | 4 |")
                .contains("| CASE-000002 | high | 80.0 | in review | Cardiology | 4 |")
                .contains("More cases match")
                .doesNotContain("1234567893");
        assertThat(answer.sources()).extracting(Source::href).containsExactly("/cases/CASE-000001", "/cases/CASE-000002");
        assertThat(answer.toolCalls()).containsExactly("query_cases");
    }

    @Test
    void topCasesEmptyAndPartial() {
        assertThat(fastPath.answer(new FastQuery.TopRiskCases(10, null, null), new PipelineViews.CasePage(List.of(), null))
                .text()).isEqualTo("This workspace has no cases yet.");
        assertThat(fastPath.answer(new FastQuery.TopRiskCases(10, null, null), null).text())
                .isEqualTo("This workspace has no cases yet.");
        assertThat(fastPath.answer(new FastQuery.TopRiskCases(10, "critical", "open"),
                new PipelineViews.CasePage(List.of(), null)).text())
                .isEqualTo("This workspace has no cases at critical risk with status open.");
        FastAnswer partial = fastPath.answer(new FastQuery.TopRiskCases(10, "high", null),
                new PipelineViews.CasePage(List.of(summary("CASE-000003", null, "high", "open", "Dr. B")), null));
        assertThat(partial.text()).startsWith("**The highest-risk case at high risk**")
                .contains("| not scored |").endsWith("Only 1 case matches.");
        // an item without a case id cannot be cited: left out
        assertThat(fastPath.answer(new FastQuery.TopRiskCases(10, null, null), new PipelineViews.CasePage(
                java.util.Arrays.asList(null, summary(null, "1", "low", "open", "Z")), null)).text())
                .isEqualTo("This workspace has no cases yet.");
        // more items than asked for: cut to the limit
        FastAnswer cut = fastPath.answer(new FastQuery.TopRiskCases(1, null, null), new PipelineViews.CasePage(List.of(
                summary("CASE-000004", "50", "medium", "open", "X"), summary("CASE-000005", "40", "low", "open", "Y")),
                null));
        assertThat(cut.text()).contains("CASE-000004").doesNotContain("CASE-000005");
    }

    // --- one case ---------------------------------------------------------------------------------------------------

    private static PipelineViews.CaseDetail detail(List<PipelineViews.Evidence> evidence, long evidenceCount,
            List<PipelineViews.Comment> comments) {
        return new PipelineViews.CaseDetail(
                new PipelineViews.CaseSummary("CASE-000123", "1234567893", "Dr. Roe", "Cardiology",
                        new BigDecimal("88.04"), "high", "escalated", "analyst-7", 2,
                        Instant.parse("2025-03-15T08:00:00Z")),
                List.of(new PipelineViews.RuleHits("RULE-MED-001", "Upcoding", 3, new BigDecimal("22.5")),
                        new PipelineViews.RuleHits("RULE-RX-002", null, 1, null)),
                evidence, evidenceCount, comments, "run-1", Instant.parse("2025-03-10T09:00:00Z"));
    }

    @Test
    void caseDetailPresent() {
        List<PipelineViews.Evidence> evidence = List.of(
                new PipelineViews.Evidence("CLM-1", "medical", List.of("RULE-MED-001"), LocalDate.of(2025, 1, 2),
                        "99215", new BigDecimal("1234.5")),
                new PipelineViews.Evidence("CLM-2", "pharmacy", List.of(), LocalDate.of(2025, 1, 3), null, null));
        List<PipelineViews.Comment> comments = List.of(
                new PipelineViews.Comment("c1", "analyst-7", "member ⟦PERSON_1⟧ called", Instant.parse("2025-03-11T00:00:00Z")),
                new PipelineViews.Comment("c2", "analyst-8", "records requested", Instant.parse("2025-03-12T00:00:00Z")));
        FastAnswer answer = fastPath.answer(new FastQuery.CaseDetail("CASE-000123"), detail(evidence, 9, comments));
        assertThat(answer.text())
                .startsWith("**CASE-000123**: high risk (score 88.0), status escalated, assigned to analyst-7")
                .contains("- Provider: Dr. Roe (Cardiology), NPI 1234567893")
                .contains("RULE-MED-001 Upcoding (3 hits, 22.5 points); RULE-RX-002 (1 hit)")
                .contains("- Evidence: 9 claims, the first 2:")
                .contains("CLM-1 (medical, code 99215, billed 1234.50, RULE-MED-001)")
                .contains("CLM-2 (pharmacy)")
                .contains("- Comments: 2 (latest 2025-03-12 00:00 UTC)")
                .contains("Opened 2025-03-10 09:00 UTC; updated 2025-03-15 08:00 UTC")
                // no comment text or authors, no service dates
                .doesNotContain("called").doesNotContain("records requested").doesNotContain("analyst-8")
                .doesNotContain("2025-01-02");
        assertThat(answer.sources()).extracting(Source::href).containsExactly("/cases/CASE-000123",
                "/providers/1234567893", "/rules/RULE-MED-001", "/rules/RULE-RX-002", "/runs/run-1");
        assertThat(answer.toolCalls()).containsExactly("query_case_detail");
    }

    @Test
    void caseDetailMissingAndPartial() {
        FastAnswer missing = fastPath.answer(new FastQuery.CaseDetail("CASE-000999"), null);
        assertThat(missing.text()).isEqualTo("This workspace has no case CASE-000999.");
        assertThat(missing.sources()).isEmpty();
        PipelineViews.CaseDetail bare = new PipelineViews.CaseDetail(new PipelineViews.CaseSummary("CASE-000124", null,
                null, null, null, null, "open", null, 0, null), null, null, 0, null, null, null);
        FastAnswer partial = fastPath.answer(new FastQuery.CaseDetail("CASE-000124"), bare);
        assertThat(partial.text()).startsWith("**CASE-000124**: risk level not set (score not scored), status open, "
                + "unassigned").contains("- Rules: no rule hits recorded").contains("- Evidence: no claims recorded")
                .contains("- Comments: none");
        assertThat(partial.sources()).extracting(Source::type).containsExactly("case");
    }

    // --- rules --------------------------------------------------------------------------------------------------------

    private static PipelineViews.RuleView rule(String id, long hits, boolean enabled) {
        return new PipelineViews.RuleView(id, "Rule " + id, "Flags " + id + " patterns.", "medical", 0.3, 30, enabled,
                Map.of("maxUnits", 4, "windowDays", 30.0, "codes", List.of("99215")), hits, hits / 2);
    }

    @Test
    void rulesListedTriggeredOnlyOrAll() {
        List<PipelineViews.RuleView> rules = List.of(rule("RULE-MED-002", 0, true), rule("RULE-MED-001", 12, true),
                rule("RULE-RX-001", 12, false));
        FastAnswer fired = fastPath.answer(new FastQuery.RuleStats(true, null), rules);
        assertThat(fired.text()).startsWith("**Rules that fired in this workspace**")
                .contains("| RULE-MED-001 | Rule RULE-MED-001 | 12 | 6 | yes |\n| RULE-RX-001 | Rule RULE-RX-001 | 12 | 6 | no |")
                .doesNotContain("RULE-MED-002");
        assertThat(fired.sources()).extracting(Source::href).containsExactly("/rules/RULE-MED-001", "/rules/RULE-RX-001");
        FastAnswer all = fastPath.answer(new FastQuery.RuleStats(false, null), rules);
        assertThat(all.text()).contains("RULE-MED-002").endsWith("2 of 3 rules have fired.");
        assertThat(all.toolCalls()).containsExactly("query_rules");
    }

    @Test
    void oneRuleDescribed() {
        FastAnswer answer = fastPath.answer(new FastQuery.RuleStats(false, "rule-med-001"),
                List.of(rule("RULE-MED-001", 12, true)));
        assertThat(answer.text()).startsWith("**RULE-MED-001: Rule RULE-MED-001** (enabled, medical claims)")
                .contains("Flags RULE-MED-001 patterns.")
                .contains("- Hits in this workspace: 12, across 6 providers")
                .contains("- Weight 0.3, cap 30")
                .contains("- Thresholds: codes \\[99215\\], maxUnits 4, windowDays 30");
        assertThat(answer.sources()).containsExactly(new Source("rule", "RULE-MED-001", "Rule RULE-MED-001",
                "/rules/RULE-MED-001"));
    }

    @Test
    void rulesEmptyAndUnknown() {
        assertThat(fastPath.answer(new FastQuery.RuleStats(true, null), List.of(rule("RULE-MED-001", 0, true))).text())
                .isEqualTo("No rules have fired in this workspace yet.");
        assertThat(fastPath.answer(new FastQuery.RuleStats(false, null), null).text())
                .isEqualTo("This workspace has no rules configured.");
        assertThat(fastPath.answer(new FastQuery.RuleStats(false, null), List.of(rule("RULE-MED-001", 0, true))).text())
                .endsWith("None has fired yet.");
        assertThat(fastPath.answer(new FastQuery.RuleStats(false, "RULE-XX-999"), List.of(rule("RULE-MED-001", 1, true)))
                .text()).isEqualTo("There is no rule RULE-XX-999 in this workspace's rule catalogue.");
        FastAnswer quiet = fastPath.answer(new FastQuery.RuleStats(false, "RULE-MED-001"), List.of(
                new PipelineViews.RuleView("RULE-MED-001", null, null, null, 1.25, 0, false, null, 0, 0)));
        assertThat(quiet.text()).startsWith("**RULE-MED-001: unnamed** (disabled)")
                .contains("- Hits in this workspace: 0\n").contains("- Weight 1.25, cap 0").doesNotContain("Thresholds");
    }

    // --- one provider -----------------------------------------------------------------------------------------------

    @Test
    void providerPresentMissingAndPartial() {
        PipelineViews.ProviderView view = new PipelineViews.ProviderView("1234567893", "Dr. Roe", "Cardiology", "TX",
                120, 30, new BigDecimal("72.25"), "high", "CASE-000123",
                List.of(new PipelineViews.RuleHits("RULE-MED-001", "Upcoding", 12, new BigDecimal("30"))));
        FastAnswer answer = fastPath.answer(FastQuery.ProviderLookup.ofNpi("1234567893"), view);
        assertThat(answer.text()).startsWith("**Dr. Roe** (Cardiology, TX), NPI 1234567893")
                .contains("- Claims: 120 medical, 30 pharmacy").contains("- Risk: high (score 72.3)")
                .contains("- Case: CASE-000123").contains("- Rules: RULE-MED-001 Upcoding (12 hits, 30.0 points)");
        assertThat(answer.sources()).extracting(Source::href).containsExactly("/providers/1234567893",
                "/cases/CASE-000123", "/rules/RULE-MED-001");
        assertThat(answer.toolCalls()).containsExactly("query_provider");

        assertThat(fastPath.answer(FastQuery.ProviderLookup.ofNpi("1987654328"), null).text())
                .isEqualTo("This workspace has no provider with NPI 1987654328.");
        assertThat(fastPath.answer(FastQuery.ProviderLookup.ofPlaceholder("⟦NPI_1⟧"), null).text())
                .isEqualTo("This workspace has no provider with ⟦NPI_1⟧.");

        FastAnswer partial = fastPath.answer(FastQuery.ProviderLookup.ofPlaceholder("⟦NPI_1⟧"),
                new PipelineViews.ProviderView("1234567893", null, null, null, 0, 0, null, null, null, null));
        assertThat(partial.text()).startsWith("**Unnamed provider**, NPI 1234567893").contains("- Risk: not scored")
                .contains("- Case: none").contains("- Rules: no rule hits");
        assertThat(partial.sources()).extracting(Source::href).containsExactly("/providers/1234567893");
    }

    @Test
    void numbersAreFormattedPlainly() {
        assertThat(FastPath.score(new BigDecimal("97.45"))).isEqualTo("97.5");
        assertThat(FastPath.score(new BigDecimal("3"))).isEqualTo("3.0");
        assertThat(FastPath.amount(new BigDecimal("1234567.891"))).isEqualTo("1234567.89");
        assertThat(FastPath.amount(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(FastPath.plain(0.30000000000000004)).isEqualTo("0.30000000000000004");
        assertThat(FastPath.plain(30.0)).isEqualTo("30");
    }
}
