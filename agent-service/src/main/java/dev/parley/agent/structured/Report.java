package dev.parley.agent.structured;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report over a workspace's data for a period (a weekly case review, the month's top risks), as the model writes
 * it ({@link StructuredPrompts#report()}). {@code metrics} and {@code caseIds} read as empty when absent.
 *
 * @param title at most 200 characters
 * @param period the dates the report covers, or null when it is not about a period
 * @param sections 1 to 12 sections, in reading order
 * @param metrics named figures ({@code open_cases}, {@code total_billed_usd}), at most 50
 * @param caseIds the cases the report discusses, at most 100
 */
public record Report(
        @NotBlank @Size(max = 200) String title,
        @Valid Period period,
        @NotNull @Size(min = 1, max = 12) List<@NotNull @Valid Section> sections,
        @Size(max = 50) Map<@NotBlank @Size(max = 64) String, @NotNull BigDecimal> metrics,
        @Size(max = 100) List<@NotNull @Pattern(regexp = CaseSummary.CASE_ID,
                message = "must be a case id like CASE-000123") String> caseIds) {

    public Report {
        sections = sections == null ? null : Collections.unmodifiableList(new ArrayList<>(sections));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        caseIds = caseIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(caseIds));
    }

    /** One section: a heading and its text (plain text or light Markdown). */
    public record Section(@NotBlank @Size(max = 200) String heading, @NotBlank @Size(max = 4000) String body) {}

    /** The first and last day a report covers, both included. */
    public record Period(@NotNull LocalDate from, @NotNull LocalDate to) {

        @JsonIgnore
        @AssertTrue(message = "must not end before it starts")
        public boolean isOrdered() {
            return from == null || to == null || !to.isBefore(from);
        }
    }
}
