package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProseTokensTest {

    private static List<String> texts(ProseTokens tokens) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            texts.add(tokens.text(i));
        }
        return texts;
    }

    @Test
    void splitsWordsNumbersAndMarks() {
        ProseTokens tokens = ProseTokens.of("Dr. O'Brien, 92-year-old, 03/14/1962 at 5th Ave.");
        assertThat(texts(tokens)).containsExactly("Dr", ".", "O'Brien", ",", "92", "-", "year-old", ",", "03", "/",
                "14", "/", "1962", "at", "5", "th", "Ave", ".");
        assertThat(tokens.touchesPrevious(1)).isTrue();
        assertThat(tokens.touchesPrevious(2)).isFalse();
        assertThat(tokens.touchesPrevious(15)).isTrue();
    }

    @Test
    void apostrophesAndHyphensStayInsideWordsOnly() {
        assertThat(texts(ProseTokens.of("Parkinson's Smith-Jones Graves' -x y- it\u2019s")))
                .containsExactly("Parkinson's", "Smith-Jones", "Graves", "'", "-", "x", "y", "-", "it\u2019s");
    }

    @Test
    void spansAreUtf16Indices() {
        ProseTokens tokens = ProseTokens.of("  José \uD83D\uDE00 Müller");
        assertThat(texts(tokens)).containsExactly("José", "\uD83D", "\uDE00", "Müller");
        assertThat(tokens.start(0)).isEqualTo(2);
        assertThat(tokens.end(3)).isEqualTo(16);
    }

    @Test
    void knowsLineBreaksCaseAndSentenceStarts() {
        ProseTokens tokens = ProseTokens.of("Hello SMITH.\nokay then");
        assertThat(tokens.isTitleCase(0)).isTrue();
        assertThat(tokens.isUpperCase(1)).isTrue();
        assertThat(tokens.isTitleCase(1)).isFalse();
        assertThat(tokens.lineBreakBefore(3)).isTrue();
        assertThat(tokens.startsSentence(0)).isTrue();
        assertThat(tokens.startsSentence(1)).isFalse();
        assertThat(tokens.startsSentence(3)).isTrue();
        assertThat(tokens.isLowerCase(4)).isTrue();
    }

    @Test
    void outOfRangeIndicesAnswerFalse() {
        ProseTokens tokens = ProseTokens.of("a");
        assertThat(tokens.isWord(-1)).isFalse();
        assertThat(tokens.isNumber(5)).isFalse();
        assertThat(tokens.isMark(1, '.')).isFalse();
        assertThat(tokens.is(2, "a")).isFalse();
        assertThat(tokens.intValue(3)).isEqualTo(-1);
        assertThat(tokens.touchesPrevious(0)).isFalse();
    }

    @Test
    void possessivesAndNumbers() {
        ProseTokens tokens = ProseTokens.of("Smith's 0042 12345678901");
        assertThat(tokens.isPossessive(0)).isTrue();
        assertThat(tokens.stem(0)).isEqualTo("smith");
        assertThat(tokens.endWithoutPossessive(0)).isEqualTo(5);
        assertThat(tokens.intValue(1)).isEqualTo(42);
        assertThat(tokens.digits(1)).isEqualTo(4);
        assertThat(tokens.intValue(2)).isEqualTo(-1);
    }
}
