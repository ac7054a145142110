package dev.parley.pii.corpus;

import dev.parley.pii.PiiType;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a document and its gold spans together: a value's span is recorded as it is appended, so labels are exact by
 * construction and no search of the finished text (which could hit an earlier, identical value) is ever needed.
 */
final class LabeledTextBuilder {

    private final StringBuilder text = new StringBuilder();
    private final List<LabeledText.Span> spans = new ArrayList<>();

    /** Appends text that is not an identifier. */
    LabeledTextBuilder text(String plain) {
        text.append(plain);
        return this;
    }

    /** Appends an identifier and labels exactly its characters. */
    LabeledTextBuilder value(PiiType type, String value) {
        if (value.isEmpty() || !value.strip().equals(value)) {
            throw new IllegalArgumentException("a labeled value must be non-empty and trimmed: '" + value + "'");
        }
        int start = text.length();
        text.append(value);
        spans.add(new LabeledText.Span(type, start, text.length()));
        return this;
    }

    LabeledText build(DocumentKind kind) {
        return new LabeledText(kind, text.toString(), spans);
    }
}
