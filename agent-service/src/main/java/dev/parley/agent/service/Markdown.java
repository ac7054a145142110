package dev.parley.agent.service;

import dev.parley.agent.structured.CaseSummary;
import dev.parley.agent.structured.Report;
import java.math.BigDecimal;
import java.util.Map;

/** Structured answers as the Markdown the user reads (ids stay plain: the post-processor links them). */
final class Markdown {

    private Markdown() {}

    static String of(CaseSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("**").append(summary.caseId()).append("** (risk ").append(summary.riskLevel()).append("): ")
                .append(summary.headline()).append("\n\n");
        summary.keyFindings().forEach(finding -> out.append("- ").append(finding).append('\n'));
        if (!summary.ruleIds().isEmpty()) {
            out.append("\nRules: ").append(String.join(", ", summary.ruleIds())).append('\n');
        }
        if (summary.estimatedOverpayment() != null) {
            out.append("Estimated overpayment: ").append(summary.estimatedOverpayment().setScale(2, java.math.RoundingMode.HALF_UP)
                    .toPlainString()).append('\n');
        }
        out.append("Recommended action: ").append(summary.recommendedAction().replace('_', ' ')).append('\n');
        if (!summary.evidenceClaimIds().isEmpty()) {
            out.append("Evidence claims: ").append(String.join(", ", summary.evidenceClaimIds())).append('\n');
        }
        return out.toString().strip();
    }

    static String of(Report report) {
        StringBuilder out = new StringBuilder("## ").append(report.title()).append('\n');
        if (report.period() != null) {
            out.append(report.period().from()).append(" to ").append(report.period().to()).append('\n');
        }
        for (Report.Section section : report.sections()) {
            out.append("\n### ").append(section.heading()).append("\n\n").append(section.body()).append('\n');
        }
        if (report.metrics() != null && !report.metrics().isEmpty()) {
            out.append('\n');
            for (Map.Entry<String, BigDecimal> metric : report.metrics().entrySet()) {
                out.append("- ").append(metric.getKey().replace('_', ' ')).append(": ")
                        .append(metric.getValue().stripTrailingZeros().toPlainString()).append('\n');
            }
        }
        return out.toString().strip();
    }
}
