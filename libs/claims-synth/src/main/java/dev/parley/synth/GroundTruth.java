package dev.parley.synth;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the pipeline must find in a generated data set, with the rule defaults and the default quality mode
 * ({@code skip_invalid}: claims failing the quality gate are left out of the rules).
 *
 * @param hitsByRule       rule id -> the exact claim ids the rule hits; every rule id present, possibly empty
 * @param plantedProviders billing NPI (provider or pharmacy) -> the rule planted on it; each reaches at least medium
 *                         risk (20 points) from its planted hits alone, and no other rule hits its claims
 * @param cleanProviders   NPIs in providers.csv with no planted pattern: no rule hits any of their claims
 * @param qualityIssues    issue type (missing_field, invalid_value, unknown_provider) -> the claim ids that fail the
 *                         quality gate with it; their billing NPIs are neither planted nor clean providers
 * @param providers        rows written to providers.csv
 * @param members          rows written to members.csv
 * @param medicalClaims    rows written to medical.csv
 * @param pharmacyClaims   rows written to pharmacy.csv
 */
public record GroundTruth(
    Map<String, Set<String>> hitsByRule,
    Map<String, String> plantedProviders,
    Set<String> cleanProviders,
    Map<String, Set<String>> qualityIssues,
    int providers, int members, int medicalClaims, int pharmacyClaims) {

    public GroundTruth {
        hitsByRule = sortedCopy(hitsByRule);
        plantedProviders = Collections.unmodifiableSortedMap(new TreeMap<>(plantedProviders));
        cleanProviders = Collections.unmodifiableSortedSet(new TreeSet<>(cleanProviders));
        qualityIssues = sortedCopy(qualityIssues);
    }

    /** Every hit of every rule, once. */
    public Set<String> allHits() {
        var all = new TreeSet<String>();
        hitsByRule.values().forEach(all::addAll);
        return Collections.unmodifiableSortedSet(all);
    }

    /** ground-truth.json: keys and ids sorted, so one spec gives one file. */
    public String toJson() {
        var json = new StringBuilder(1024);
        json.append("{\n");
        json.append("  \"providers\": ").append(providers).append(",\n");
        json.append("  \"members\": ").append(members).append(",\n");
        json.append("  \"medicalClaims\": ").append(medicalClaims).append(",\n");
        json.append("  \"pharmacyClaims\": ").append(pharmacyClaims).append(",\n");
        json.append("  \"hitsByRule\": ");
        appendSetMap(json, hitsByRule);
        json.append(",\n  \"plantedProviders\": {");
        String separator = "\n";
        for (var entry : plantedProviders.entrySet()) {
            json.append(separator).append("    ");
            appendString(json, entry.getKey());
            json.append(": ");
            appendString(json, entry.getValue());
            separator = ",\n";
        }
        json.append(plantedProviders.isEmpty() ? "}" : "\n  }");
        json.append(",\n  \"cleanProviders\": ");
        appendSet(json, cleanProviders);
        json.append(",\n  \"qualityIssues\": ");
        appendSetMap(json, qualityIssues);
        json.append("\n}\n");
        return json.toString();
    }

    private static Map<String, Set<String>> sortedCopy(Map<String, Set<String>> map) {
        SortedMap<String, Set<String>> copy = new TreeMap<>();
        map.forEach((key, values) -> {
            SortedSet<String> sorted = new TreeSet<>(values);
            copy.put(key, Collections.unmodifiableSortedSet(sorted));
        });
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void appendSetMap(StringBuilder json, Map<String, Set<String>> map) {
        json.append('{');
        String separator = "\n";
        for (var entry : map.entrySet()) {
            json.append(separator).append("    ");
            appendString(json, entry.getKey());
            json.append(": ");
            appendSet(json, entry.getValue());
            separator = ",\n";
        }
        json.append(map.isEmpty() ? "}" : "\n  }");
    }

    private static void appendSet(StringBuilder json, Set<String> values) {
        json.append('[');
        String separator = "";
        for (String value : values) {
            json.append(separator);
            appendString(json, value);
            separator = ", ";
        }
        json.append(']');
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
