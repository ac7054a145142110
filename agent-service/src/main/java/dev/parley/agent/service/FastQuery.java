package dev.parley.agent.service;

import java.util.Map;

/**
 * A question the fast path answers from pipeline data alone, and the read call it needs ({@link #tool()}: the name a
 * reply's {@code toolCalls} shows).
 */
public sealed interface FastQuery {

    /**
     * {@code query_pipeline_stats}, {@code query_cases}, {@code query_case_detail}, {@code query_rules} or
     * {@code query_provider}.
     */
    String tool();

    /** {@code GET /stats}: claims, providers, rule hits, cases by risk level and status, the last run. */
    record WorkspaceStats() implements FastQuery {
        @Override
        public String tool() {
            return "query_pipeline_stats";
        }
    }

    /**
     * {@code GET /cases?riskLevel&status&limit}: highest risk first.
     *
     * @param limit 1..100
     * @param riskLevel a wire name ({@code critical}...) or null for any
     * @param status a wire name ({@code in_review}...) or null for any
     */
    record TopRiskCases(int limit, String riskLevel, String status) implements FastQuery {
        public TopRiskCases {
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("limit must be 1..100");
            }
        }

        @Override
        public String tool() {
            return "query_cases";
        }
    }

    /** {@code GET /cases/{caseId}}. */
    record CaseDetail(String caseId) implements FastQuery {
        @Override
        public String tool() {
            return "query_case_detail";
        }
    }

    /**
     * {@code GET /rules?triggeredOnly}: the catalogue with this workspace's hits.
     *
     * @param ruleId one rule to describe, or null for the list
     */
    record RuleStats(boolean triggeredOnly, String ruleId) implements FastQuery {
        @Override
        public String tool() {
            return "query_rules";
        }
    }

    /**
     * {@code GET /providers/{npi}}. The message may name the provider only by a placeholder ({@code ⟦NPI_1⟧}, the
     * scrubbed NPI): then {@code npi} is null and the caller resolves {@code placeholder} from the conversation's vault
     * ({@link #resolve}) before fetching.
     */
    record ProviderLookup(String npi, String placeholder) implements FastQuery {
        public ProviderLookup {
            if ((npi == null) == (placeholder == null)) {
                throw new IllegalArgumentException("exactly one of npi and placeholder");
            }
        }

        public static ProviderLookup ofNpi(String npi) {
            return new ProviderLookup(npi, null);
        }

        public static ProviderLookup ofPlaceholder(String placeholder) {
            return new ProviderLookup(null, placeholder);
        }

        public boolean needsResolving() {
            return npi == null;
        }

        /** This lookup with the NPI the placeholder stands for, or itself when it has no NPI or none is known. */
        public ProviderLookup resolve(Map<String, String> originals) {
            if (npi != null) {
                return this;
            }
            String original = originals.get(placeholder);
            StringBuilder digits = new StringBuilder();
            if (original != null) {
                original.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
            }
            return EntityExtractor.isNpi(digits) ? ofNpi(digits.toString()) : this;
        }

        @Override
        public String tool() {
            return "query_provider";
        }
    }
}
