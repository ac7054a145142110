package dev.parley.pipeline.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the quality gate found over the claims in scope.
 *
 * @param total       claims in scope, both kinds
 * @param passed      claims without an error
 * @param failed      claims with at least one error
 * @param issueCounts every issue type (in the README's order, zeros included) to its number of issues; one issue is
 *                    one (claim, issue type), its detail listing every field concerned
 * @param issues      the first {@code reportedIssues} issues, medical before pharmacy, by claim id (binary order),
 *                    then issue type in the README's order
 */
public record QualityReport(long total, long passed, long failed, Map<String, Long> issueCounts,
                            List<QualityIssue> issues) {

    public QualityReport {
        issueCounts = Collections.unmodifiableMap(new LinkedHashMap<>(issueCounts));
        issues = List.copyOf(issues);
    }
}
