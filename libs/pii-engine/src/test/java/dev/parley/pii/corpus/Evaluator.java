package dev.parley.pii.corpus;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Measures an engine against a labeled corpus, per {@link PiiType}, under two matching rules:
 * <ul>
 *   <li><b>exact</b>: a finding matches a gold span of the same type with the same {@code [start, end)};</li>
 *   <li><b>overlap</b>: a finding matches a gold span of the same type that shares at least one character.</li>
 * </ul>
 * Matching is one-to-one in both rules (a gold span split into two findings counts one true and one false positive),
 * and types are never merged: a PHONE finding on a FAX gold span is a false positive and a false negative.
 *
 * <p>The engine is any {@code Function<String, List<Finding>>}, so the evaluator does not depend on how
 * {@link dev.parley.pii.PiiDetector} is configured and can compare variants of it.
 */
public final class Evaluator {

    /** How many error examples of each type and outcome the evaluation keeps. */
    static final int EXAMPLES_PER_TYPE = 5;
    private static final int CONTEXT_CHARS = 30;

    private final Function<String, List<Finding>> engine;

    public Evaluator(Function<String, List<Finding>> engine) {
        this.engine = engine;
    }

    public Evaluation evaluate(List<LabeledText> corpus) {
        Map<PiiType, MatchCounts> exact = new EnumMap<>(PiiType.class);
        Map<PiiType, MatchCounts> overlap = new EnumMap<>(PiiType.class);
        Map<DocumentKind, MatchCounts> exactByKind = new EnumMap<>(DocumentKind.class);
        Map<DocumentKind, Integer> documentsByKind = new EnumMap<>(DocumentKind.class);
        List<Evaluation.Example> examples = new ArrayList<>();
        Map<String, Integer> examplesKept = new HashMap<>();

        for (int index = 0; index < corpus.size(); index++) {
            LabeledText document = corpus.get(index);
            List<Finding> findings = engine.apply(document.text());
            documentsByKind.merge(document.kind(), 1, Integer::sum);

            Matching exactMatch = Matching.of(document.spans(), findings, true);
            exactMatch.addCounts(exact);
            exactByKind.merge(document.kind(), exactMatch.total(), MatchCounts::plus);

            Matching overlapMatch = Matching.of(document.spans(), findings, false);
            overlapMatch.addCounts(overlap);
            for (Evaluation.Example example : overlapMatch.examples(document, index)) {
                String key = example.type() + "/" + example.outcome();
                if (examplesKept.merge(key, 1, Integer::sum) <= EXAMPLES_PER_TYPE) {
                    examples.add(example);
                }
            }
        }
        return new Evaluation(corpus.size(), exact, overlap, exactByKind, documentsByKind, examples);
    }

    /** One document's one-to-one pairing of gold spans and findings under one rule. */
    private record Matching(List<LabeledText.Span> gold, List<Finding> found, int[] foundForGold,
            boolean[] foundMatched) {

        static Matching of(List<LabeledText.Span> gold, List<Finding> found, boolean exact) {
            record Candidate(int gold, int found, int overlap) {}
            List<Candidate> candidates = new ArrayList<>();
            for (int g = 0; g < gold.size(); g++) {
                LabeledText.Span span = gold.get(g);
                for (int f = 0; f < found.size(); f++) {
                    Finding finding = found.get(f);
                    if (finding.type() != span.type()) {
                        continue;
                    }
                    int shared = Math.min(span.end(), finding.end()) - Math.max(span.start(), finding.start());
                    boolean matches = exact
                            ? span.start() == finding.start() && span.end() == finding.end()
                            : shared > 0;
                    if (matches) {
                        candidates.add(new Candidate(g, f, shared));
                    }
                }
            }
            // greedy by shared length: the pairing a reader would choose, and optimal when spans do not nest
            candidates.sort(Comparator.comparingInt(Candidate::overlap).reversed()
                    .thenComparingInt(Candidate::gold).thenComparingInt(Candidate::found));
            int[] foundForGold = new int[gold.size()];
            Arrays.fill(foundForGold, -1);
            boolean[] foundMatched = new boolean[found.size()];
            for (Candidate candidate : candidates) {
                if (foundForGold[candidate.gold()] < 0 && !foundMatched[candidate.found()]) {
                    foundForGold[candidate.gold()] = candidate.found();
                    foundMatched[candidate.found()] = true;
                }
            }
            return new Matching(gold, found, foundForGold, foundMatched);
        }

        void addCounts(Map<PiiType, MatchCounts> into) {
            for (int g = 0; g < gold.size(); g++) {
                MatchCounts counts = foundForGold[g] >= 0 ? new MatchCounts(1, 0, 0) : new MatchCounts(0, 0, 1);
                into.merge(gold.get(g).type(), counts, MatchCounts::plus);
            }
            for (int f = 0; f < found.size(); f++) {
                if (!foundMatched[f]) {
                    into.merge(found.get(f).type(), new MatchCounts(0, 1, 0), MatchCounts::plus);
                }
            }
        }

        MatchCounts total() {
            int truePositives = 0;
            for (int pair : foundForGold) {
                if (pair >= 0) {
                    truePositives++;
                }
            }
            return new MatchCounts(truePositives, found.size() - truePositives, gold.size() - truePositives);
        }

        /** Misses, spurious findings and (for overlap matches) boundary disagreements, with their context. */
        List<Evaluation.Example> examples(LabeledText document, int index) {
            String text = document.text();
            List<Evaluation.Example> out = new ArrayList<>();
            for (int g = 0; g < gold.size(); g++) {
                LabeledText.Span span = gold.get(g);
                if (foundForGold[g] < 0) {
                    out.add(example(document, index, Evaluation.Outcome.MISSED, span.type(), span.start(), span.end(),
                            "no " + span.type() + " finding overlaps it"));
                } else {
                    Finding finding = found.get(foundForGold[g]);
                    if (finding.start() != span.start() || finding.end() != span.end()) {
                        out.add(example(document, index, Evaluation.Outcome.BOUNDARY, span.type(), span.start(),
                                span.end(), "found '" + text.substring(finding.start(), finding.end()) + "'"));
                    }
                }
            }
            for (int f = 0; f < found.size(); f++) {
                if (!foundMatched[f]) {
                    Finding finding = found.get(f);
                    String gold = this.gold.stream()
                            .filter(span -> span.overlaps(finding.start(), finding.end()))
                            .map(span -> "overlaps gold " + span.type())
                            .findFirst().orElse("no gold span there");
                    out.add(example(document, index, Evaluation.Outcome.SPURIOUS, finding.type(), finding.start(),
                            finding.end(), gold + "; detector " + finding.detector() + ", score "
                                    + String.format(Locale.ROOT, "%.2f", finding.score())));
                }
            }
            return out;
        }

        private static Evaluation.Example example(LabeledText document, int index, Evaluation.Outcome outcome,
                PiiType type, int start, int end, String note) {
            String text = document.text();
            int from = Math.max(0, start - CONTEXT_CHARS);
            int to = Math.min(text.length(), end + CONTEXT_CHARS);
            String context = text.substring(from, start) + "[[" + text.substring(start, end) + "]]"
                    + text.substring(end, to);
            return new Evaluation.Example(document.kind(), index, outcome, type, context.replace('\n', '⏎'), note);
        }
    }
}
