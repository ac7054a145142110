package dev.parley.pii.corpus;

import dev.parley.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Evaluator} measured: counts per type under exact and overlap matching, exact counts per document kind,
 * and a few error examples per type. Renders itself as the Markdown tables of the accuracy report.
 */
public record Evaluation(int documents, Map<PiiType, MatchCounts> exact, Map<PiiType, MatchCounts> overlap,
        Map<DocumentKind, MatchCounts> exactByKind, Map<DocumentKind, Integer> documentsByKind,
        List<Example> examples) {

    /** How an example disagrees with the gold. */
    public enum Outcome {
        /** A gold span no finding of its type overlaps. */
        MISSED,
        /** A finding no gold span of its type overlaps. */
        SPURIOUS,
        /** A finding of the right type that overlaps the gold span but has other bounds. */
        BOUNDARY
    }

    /** One disagreement, with the value in {@code [[...]]} inside its context (synthetic data only). */
    public record Example(DocumentKind kind, int document, Outcome outcome, PiiType type, String context,
            String note) {}

    public Evaluation {
        exact = Map.copyOf(exact);
        overlap = Map.copyOf(overlap);
        exactByKind = Map.copyOf(exactByKind);
        documentsByKind = Map.copyOf(documentsByKind);
        examples = List.copyOf(examples);
    }

    public MatchCounts exact(PiiType type) {
        return exact.getOrDefault(type, MatchCounts.NONE);
    }

    public MatchCounts overlap(PiiType type) {
        return overlap.getOrDefault(type, MatchCounts.NONE);
    }

    /** Micro-averaged counts over every type. */
    public MatchCounts exactTotal() {
        return exact.values().stream().reduce(MatchCounts.NONE, MatchCounts::plus);
    }

    public MatchCounts overlapTotal() {
        return overlap.values().stream().reduce(MatchCounts.NONE, MatchCounts::plus);
    }

    /** Types with a gold span or a finding, in {@link PiiType} order. */
    public Set<PiiType> types() {
        Set<PiiType> types = EnumSet.noneOf(PiiType.class);
        types.addAll(exact.keySet());
        types.addAll(overlap.keySet());
        return types;
    }

    /**
     * The main table: exact-match counts, precision and recall, and F1 under both rules. Types outside
     * {@code reported} (the level's types) are marked: the engine is not meant to find them at that level.
     */
    public String perTypeTable(Set<PiiType> reported) {
        StringBuilder out = new StringBuilder()
                .append("| type | gold | TP | FP | FN | precision | recall | F1 (exact) | F1 (overlap) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PiiType type : types()) {
            MatchCounts counts = exact(type);
            out.append("| ").append(type).append(reported.contains(type) ? "" : " †")
                    .append(row(counts)).append(" | ").append(score(overlap(type).f1())).append(" |\n");
        }
        MatchCounts total = exactTotal();
        out.append("| **all**").append(row(total)).append(" | ").append(score(overlapTotal().f1())).append(" |\n");
        if (!reported.containsAll(types())) {
            out.append("\n† not reported at this sensitivity level: its recall is 0 by design, not by defect.\n");
        }
        return out.toString();
    }

    /** Counts and scores under overlap matching: how much of the exact-match loss is only boundaries. */
    public String overlapTable(Set<PiiType> reported) {
        StringBuilder out = new StringBuilder()
                .append("| type | gold | TP | FP | FN | precision | recall | F1 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PiiType type : types()) {
            out.append("| ").append(type).append(reported.contains(type) ? "" : " †").append(row(overlap(type)))
                    .append(" |\n");
        }
        out.append("| **all**").append(row(overlapTotal())).append(" |\n");
        return out.toString();
    }

    /** Exact-match counts per document kind: where the false positives come from. */
    public String perKindTable() {
        StringBuilder out = new StringBuilder()
                .append("| document kind | docs | gold | TP | FP | FN | precision | recall | F1 |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DocumentKind kind : DocumentKind.values()) {
            if (!documentsByKind.containsKey(kind)) {
                continue;
            }
            out.append("| ").append(kind).append(" | ").append(documentsByKind.get(kind))
                    .append(row(exactByKind.getOrDefault(kind, MatchCounts.NONE))).append(" |\n");
        }
        return out.toString();
    }

    /** The kept error examples, grouped by type and outcome. */
    public String examplesList() {
        StringBuilder out = new StringBuilder();
        for (PiiType type : types()) {
            for (Outcome outcome : Outcome.values()) {
                List<Example> some = examples.stream()
                        .filter(example -> example.type() == type && example.outcome() == outcome).toList();
                if (some.isEmpty()) {
                    continue;
                }
                out.append("\n### ").append(type).append(" ").append(outcome).append("\n\n");
                for (Example example : some) {
                    out.append("- `").append(example.context().replace("`", "'")).append("` (")
                            .append(example.kind()).append(" #").append(example.document()).append("; ")
                            .append(example.note()).append(")\n");
                }
            }
        }
        return out.toString();
    }

    private static String row(MatchCounts counts) {
        return " | " + counts.gold() + " | " + counts.truePositives() + " | " + counts.falsePositives() + " | "
                + counts.falseNegatives() + " | " + score(counts.precision()) + " | " + score(counts.recall())
                + " | " + score(counts.f1());
    }

    private static String score(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
