package dev.parley.pii.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matching rules the accuracy report relies on, on hand-made documents. */
class EvaluatorTest {

    // "call 617-555-0142, fax 617-555-0199, at 1 Main St, Boston, MA 02110"
    private static final LabeledText DOCUMENT = new LabeledTextBuilder()
            .text("call ").value(PiiType.PHONE, "617-555-0142")
            .text(", fax ").value(PiiType.FAX, "617-555-0199")
            .text(", at ").value(PiiType.ADDRESS, "1 Main St, Boston, MA 02110")
            .build(DocumentKind.EMAIL_WITH_SIGNATURE);

    private static Evaluation evaluate(Finding... findings) {
        return new Evaluator(text -> List.of(findings)).evaluate(List.of(DOCUMENT));
    }

    private static Finding finding(PiiType type, int start, int end) {
        return new Finding(type, start, end, 0.9, "test");
    }

    @Test
    void identicalBoundsAndTypeMatchUnderBothRules() {
        Evaluation evaluation = evaluate(finding(PiiType.PHONE, 5, 17));

        assertThat(evaluation.exact(PiiType.PHONE)).isEqualTo(new MatchCounts(1, 0, 0));
        assertThat(evaluation.overlap(PiiType.PHONE)).isEqualTo(new MatchCounts(1, 0, 0));
        assertThat(evaluation.exact(PiiType.FAX)).isEqualTo(new MatchCounts(0, 0, 1));
        assertThat(evaluation.exactTotal()).isEqualTo(new MatchCounts(1, 0, 2));
    }

    @Test
    void otherBoundsMatchOnlyUnderOverlap() {
        Evaluation evaluation = evaluate(finding(PiiType.PHONE, 5, 13));

        assertThat(evaluation.exact(PiiType.PHONE)).isEqualTo(new MatchCounts(0, 1, 1));
        assertThat(evaluation.overlap(PiiType.PHONE)).isEqualTo(new MatchCounts(1, 0, 0));
        assertThat(evaluation.examples()).filteredOn(example -> example.outcome() == Evaluation.Outcome.BOUNDARY)
                .singleElement().satisfies(example -> {
                    assertThat(example.type()).isEqualTo(PiiType.PHONE);
                    assertThat(example.context()).contains("[[617-555-0142]]");
                    assertThat(example.note()).isEqualTo("found '617-555-'");
                });
    }

    @Test
    void phoneOnAFaxNumberIsAFalsePositiveAndAMiss() {
        Evaluation evaluation = evaluate(finding(PiiType.PHONE, 23, 35));

        assertThat(evaluation.overlap(PiiType.PHONE)).isEqualTo(new MatchCounts(0, 1, 1));
        assertThat(evaluation.overlap(PiiType.FAX)).isEqualTo(new MatchCounts(0, 0, 1));
        assertThat(evaluation.examples()).anySatisfy(example -> {
            assertThat(example.outcome()).isEqualTo(Evaluation.Outcome.SPURIOUS);
            assertThat(example.note()).contains("overlaps gold FAX");
        });
    }

    @Test
    void aSplitAddressCountsOneMatchAndOneFalsePositive() {
        int start = DOCUMENT.text().indexOf("1 Main");
        Evaluation evaluation = evaluate(
                finding(PiiType.ADDRESS, start, start + 9), finding(PiiType.ADDRESS, start + 11, start + 27));

        assertThat(evaluation.overlap(PiiType.ADDRESS)).isEqualTo(new MatchCounts(1, 1, 0));
        assertThat(evaluation.exact(PiiType.ADDRESS)).isEqualTo(new MatchCounts(0, 2, 1));
    }

    @Test
    void scoresAreUndefinedRatherThanZeroWhenThereIsNothingToCount() {
        MatchCounts nothingFound = new MatchCounts(0, 0, 4);

        assertThat(nothingFound.precision()).isNaN();
        assertThat(nothingFound.recall()).isZero();
        assertThat(nothingFound.f1()).isZero();
        assertThat(MatchCounts.NONE.f1()).isNaN();
        assertThat(new MatchCounts(8, 2, 2).f1()).isEqualTo(0.8);
    }

    @Test
    void tableHasOneRowPerTypeSeenAndMarksTypesTheLevelDoesNotReport() {
        String table = evaluate(finding(PiiType.PHONE, 5, 17)).perTypeTable(EnumSet.of(PiiType.PHONE));

        assertThat(table).startsWith("| type | gold | TP | FP | FN | precision | recall | F1 (exact) | F1 (overlap) |")
                .contains("| PHONE | 1 | 1 | 0 | 0 | 1.000 | 1.000 | 1.000 | 1.000 |")
                .contains("| FAX † | 1 | 0 | 0 | 1 | – | 0.000 | 0.000 | 0.000 |")
                .contains("| **all** | 3 | 1 | 0 | 2 |");
    }
}
