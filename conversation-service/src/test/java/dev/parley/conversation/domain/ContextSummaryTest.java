package dev.parley.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContextSummaryTest {

    @Test
    void listsEveryFactWhenItFits() {
        TreeMap<String, Object> facts = new TreeMap<>();
        facts.put("status", "open");
        facts.put("amount", new java.math.BigDecimal("1200.5"));
        String summary = ContextSummary.of(new PageContext("claim", "CLM-1", "/claims/CLM-1", facts, "3",
                List.of("approve"), 0), 300);
        assertThat(summary).isEqualTo("""
                Page context: claim CLM-1 (page /claims/CLM-1) version 3
                Allowed actions: approve
                Facts:
                - amount: 1200.5
                - status: open""");
    }

    @Test
    void staysUnderTheTokenBudgetAndCountsWhatItLeftOut() {
        TreeMap<String, Object> facts = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            facts.put("fact%02d".formatted(i), "a rather long value describing the claim line number " + i + " in detail");
        }
        String summary = ContextSummary.of(new PageContext("claim", "CLM-1", null, facts, null, List.of(), 7), 300);
        assertThat(ContextSummary.tokens(summary)).isLessThan(300).isGreaterThan(250);
        assertThat(summary).contains("- fact00: ").matches("(?s).*\\((\\d+) more facts not shown\\)$");
        int shown = (int) summary.lines().filter(line -> line.startsWith("- ")).count();
        assertThat(summary).endsWith("(" + (50 - shown + 7) + " more facts not shown)");
    }

    @Test
    void aTinyBudgetStillHolds() {
        String summary = ContextSummary.of(new PageContext("claim", "x".repeat(120), null, new TreeMap<>(), null,
                List.of(), 0), 5);
        assertThat(ContextSummary.tokens(summary)).isLessThan(5);
    }
}
