package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.domain.PageContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageScopeTest {

    private final PageScope scope = new PageScope();

    private static PageContext page(String type, String id, List<String> allowed) {
        return new PageContext(type, id, "key", Map.of(), "1", allowed);
    }

    @Test
    void remindersNameThePagesResource() {
        assertThat(scope.reminder(page("case", "case-000123", null))).isEqualTo("This chat is about CASE-000123. "
                + "Ask about it here, or use the workspace chat for other cases, providers or questions about the "
                + "whole workspace.");
        assertThat(scope.reminder(page("Provider", "1234567893", null))).startsWith(
                "This chat is about provider 1234567893. Ask about this provider here");
        assertThat(scope.reminder(page("rule", "rule-med-001", null))).startsWith(
                "This chat is about RULE-MED-001. Ask about this rule here");
        assertThat(scope.reminder(page("run", "7d1c", null))).isEqualTo("This chat is about this run (7d1c). Ask "
                + "about it here, or use the workspace chat for anything else.");
        assertThat(scope.reminder(page("dashboard", null, null))).startsWith("This chat is about the dashboard page.");
        assertThat(scope.reminder(null)).startsWith("This chat is about the current page.");
    }

    @Test
    void aResourceIdFromTheBrowserCannotInjectMarkdown() {
        assertThat(scope.reminder(page("case", "CASE-000123](javascript:alert(1))", null)))
                .startsWith("This chat is about CASE-000123JAVASCRIPTALERT1.");
        assertThat(scope.resourceId(page("case", "x".repeat(100), null))).hasSize(64);
    }

    @Test
    void informationalPagesAndSingleResourcePages() {
        for (String type : List.of("dashboard", "help", "rules", "stats", "HELP", " Rules ")) {
            assertThat(scope.isInformational(page(type, "x", null))).as(type).isTrue();
        }
        assertThat(scope.isInformational(page("case", "CASE-000123", null))).isFalse();
        assertThat(scope.isSingleResource(page("case", "CASE-000123", null))).isTrue();
        assertThat(scope.isInformational(page("case", null, null))).isTrue();
        assertThat(scope.isInformational(page(null, "CASE-000123", null))).isTrue();
        assertThat(scope.isInformational(null)).isFalse();
        assertThat(scope.isSingleResource(null)).isFalse();
        PageScope custom = new PageScope(Set.of("Dashboard"));
        assertThat(custom.isInformational(page("dashboard", "main", null))).isTrue();
        assertThat(custom.isInformational(page("help", "faq", null))).isFalse();
    }

    @Test
    void readOnlyToolsAlwaysMutatingOnlyWhenAllowedOnAResourcePage() {
        List<String> readOnly = List.of("query_pipeline_stats", "query_cases", "query_case_detail", "query_rules",
                "query_provider");
        assertThat(scope.allowedTools(page("case", "CASE-000123", List.of("update_case_status", "ADD_CASE_COMMENT",
                "delete_case", "run_pipeline ")))).containsExactly("query_pipeline_stats", "query_cases",
                "query_case_detail", "query_rules", "query_provider", "update_case_status", "add_case_comment",
                "run_pipeline");
        assertThat(scope.allowedTools(page("case", "CASE-000123", List.of()))).isEqualTo(readOnly);
        assertThat(scope.allowedTools(page("case", "CASE-000123", null))).isEqualTo(readOnly);
        assertThat(scope.allowedTools(page("dashboard", "main", List.of("run_pipeline", "set_reminder"))))
                .isEqualTo(readOnly);
        assertThat(scope.allowedTools(List.of("set_reminder"), false)).endsWith("set_reminder");
        assertThat(scope.allowedTools(List.of("set_reminder"), true)).isEqualTo(readOnly);
        // global mode: every tool; roles are checked where the action runs
        assertThat(scope.allowedTools((PageContext) null)).hasSize(9).containsAll(PageScope.MUTATING_TOOLS);
    }
}
