package dev.parley.agent.structured;

/**
 * The format instructions appended to a prompt that asks for a structured answer: a one-line example object and the
 * fields' rules, kept short because they are paid for on every such request (each under 250 cl100k tokens, checked
 * by a test). The example's values are visibly placeholders, so that a model copying them produces no plausible id;
 * the example itself satisfies {@link CaseSummary}'s or {@link Report}'s constraints.
 */
public final class StructuredPrompts {

    private static final String CASE_SUMMARY_EXAMPLE = "{\"caseId\":\"CASE-000000\",\"riskLevel\":\"high\","
            + "\"headline\":\"...\",\"keyFindings\":[\"...\"],\"ruleIds\":[\"RULE-XXX-000\"],"
            + "\"recommendedAction\":\"request_records\",\"evidenceClaimIds\":[\"CLAIM-ID\"],"
            + "\"estimatedOverpayment\":1234.50}";

    private static final String CASE_SUMMARY = """
            Answer with one JSON object and nothing else: no prose, no code fence. Shape:
            %s
            caseId: the case's id. riskLevel: low|medium|high|critical. headline: one line, at most 200 characters. \
            keyFindings: 1 to 10 findings, each at most 300 characters. ruleIds: ids of the rules that hit. \
            recommendedAction: \
            review_claims|request_records|escalate|refer_to_siu|recover_overpayment|close_no_action. \
            evidenceClaimIds: at most 50 claim ids. estimatedOverpayment: USD, or null if the data has no amount.
            Copy ids and amounts only from tool results; the example's values are placeholders. No personal data.
            """.formatted(CASE_SUMMARY_EXAMPLE);

    private static final String REPORT_EXAMPLE = "{\"title\":\"...\",\"period\":{\"from\":\"2026-01-01\","
            + "\"to\":\"2026-01-31\"},\"sections\":[{\"heading\":\"...\",\"body\":\"...\"}],"
            + "\"metrics\":{\"open_cases\":0},\"caseIds\":[\"CASE-000000\"]}";

    private static final String REPORT = """
            Answer with one JSON object and nothing else: no prose, no code fence. Shape:
            %s
            title: at most 200 characters. period: the dates covered (YYYY-MM-DD), or null. sections: 1 to 12, \
            each a heading (at most 200 characters) and a body (at most 4000 characters, plain text). \
            metrics: name to number, names in snake_case, at most 50. caseIds: the cases discussed.
            Copy ids and figures only from tool results; the example's values are placeholders. No personal data.
            """.formatted(REPORT_EXAMPLE);

    private StructuredPrompts() {}

    /** The instructions for a {@link CaseSummary}. */
    public static String caseSummary() {
        return CASE_SUMMARY;
    }

    /** The instructions for a {@link Report}. */
    public static String report() {
        return REPORT;
    }

    /** The instructions for {@code type}: {@link CaseSummary} or {@link Report}. */
    public static String forType(Class<?> type) {
        if (type == CaseSummary.class) {
            return CASE_SUMMARY;
        }
        if (type == Report.class) {
            return REPORT;
        }
        throw new IllegalArgumentException("no structured format for " + type.getSimpleName());
    }

    /** The example object in {@link #forType(Class)}'s instructions. */
    public static String example(Class<?> type) {
        if (type == CaseSummary.class) {
            return CASE_SUMMARY_EXAMPLE;
        }
        if (type == Report.class) {
            return REPORT_EXAMPLE;
        }
        throw new IllegalArgumentException("no structured format for " + type.getSimpleName());
    }
}
