package dev.parley.agent.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The identifiers a message names, in order of appearance and without repeats: case ids ({@code CASE-000123}), rule
 * ids ({@code RULE-MED-001}), NPIs (10 digits passing the NPI check), dates, risk levels and case statuses.
 */
public record Entities(List<String> caseIds, List<String> ruleIds, List<String> npis, List<LocalDate> dates,
        List<String> riskLevels, List<String> statuses) {

    public static final Entities NONE = new Entities(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Entities {
        caseIds = List.copyOf(caseIds);
        ruleIds = List.copyOf(ruleIds);
        npis = List.copyOf(npis);
        dates = List.copyOf(dates);
        riskLevels = List.copyOf(riskLevels);
        statuses = List.copyOf(statuses);
    }

    public boolean isEmpty() {
        return caseIds.isEmpty() && ruleIds.isEmpty() && npis.isEmpty() && dates.isEmpty() && riskLevels.isEmpty()
                && statuses.isEmpty();
    }
}
