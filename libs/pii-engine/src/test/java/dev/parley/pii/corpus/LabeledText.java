package dev.parley.pii.corpus;

import dev.parley.pii.PiiType;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One synthetic document and its gold labels: every identifier the generator inserted, as {@code [start, end)} in
 * UTF-16 indices, the same convention as {@link dev.parley.pii.Finding}. Spans are sorted and never overlap, so an
 * evaluator can compare them with the engine's findings without resolving anything first.
 */
public record LabeledText(DocumentKind kind, String text, List<Span> spans) {

    /** A gold label: the value of one identifier, without its label ("MRN:") or title ("Dr."). */
    public record Span(PiiType type, int start, int end) {

        public Span {
            Objects.requireNonNull(type, "type");
            if (start < 0 || end <= start) {
                throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
            }
        }

        /** The labeled value in {@code text}. */
        public String coveredText(String text) {
            return text.substring(start, end);
        }

        public boolean overlaps(int otherStart, int otherEnd) {
            return start < otherEnd && otherStart < end;
        }
    }

    public LabeledText {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        spans = spans.stream().sorted(Comparator.comparingInt(Span::start)).toList();
        for (int i = 0; i < spans.size(); i++) {
            Span span = spans.get(i);
            if (span.end() > text.length()) {
                throw new IllegalArgumentException("span " + span + " ends past the text (" + text.length() + ")");
            }
            if (i > 0 && spans.get(i - 1).end() > span.start()) {
                throw new IllegalArgumentException("overlapping gold spans " + spans.get(i - 1) + " and " + span);
            }
        }
    }
}
