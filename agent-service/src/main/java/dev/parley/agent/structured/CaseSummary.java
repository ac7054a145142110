package dev.parley.agent.structured;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An investigation case summarized for an analyst, as the model writes it ({@link StructuredPrompts#caseSummary()}).
 * Optional lists ({@code ruleIds}, {@code evidenceClaimIds}) read as empty when absent; list elements are kept as
 * written (nulls included) so that validation can name the bad one.
 *
 * @param caseId the case ({@code CASE-000123})
 * @param riskLevel {@code low}, {@code medium}, {@code high} or {@code critical}
 * @param headline one line, at most 200 characters
 * @param keyFindings 1 to 10 findings, each at most 300 characters
 * @param ruleIds the fraud rules that hit ({@code RULE-MED-001}), at most 20
 * @param recommendedAction the next step, one of {@link #ACTIONS}
 * @param evidenceClaimIds claim ids backing the findings, at most 50
 * @param estimatedOverpayment the amount at risk in USD, or null when the data does not say
 */
public record CaseSummary(
        @NotNull @Pattern(regexp = CaseSummary.CASE_ID, message = "must be a case id like CASE-000123") String caseId,
        @NotNull @Pattern(regexp = "low|medium|high|critical", message = "must be one of low, medium, high, critical")
        String riskLevel,
        @NotBlank @Size(max = 200) String headline,
        @NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 300) String> keyFindings,
        @Size(max = 20) List<@NotNull @Pattern(regexp = CaseSummary.RULE_ID,
                message = "must be a rule id like RULE-MED-001") String> ruleIds,
        @NotNull @Pattern(regexp = CaseSummary.ACTION_PATTERN, message = "must be one of " + CaseSummary.ACTIONS)
        String recommendedAction,
        @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                message = "must be a claim id (1-64 letters, digits, '.', '_' or '-')") String> evidenceClaimIds,
        @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal estimatedOverpayment) {

    public static final String CASE_ID = "CASE-\\d{6,12}";
    public static final String RULE_ID = "RULE-[A-Z]{2,4}-\\d{3}";
    /** The next steps an analyst can take on a case, as the model must spell them. */
    public static final String ACTIONS =
            "review_claims, request_records, escalate, refer_to_siu, recover_overpayment, close_no_action";
    static final String ACTION_PATTERN =
            "review_claims|request_records|escalate|refer_to_siu|recover_overpayment|close_no_action";

    public CaseSummary {
        keyFindings = keyFindings == null ? null : copy(keyFindings);
        ruleIds = ruleIds == null ? List.of() : copy(ruleIds);
        evidenceClaimIds = evidenceClaimIds == null ? List.of() : copy(evidenceClaimIds);
    }

    private static <E> List<E> copy(List<E> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
