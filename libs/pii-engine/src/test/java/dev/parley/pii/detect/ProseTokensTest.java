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

    @Test
    void lowerCaseFormsMatchToLowerCaseAndRepeatedWordsShareOne() {
        String text = "SMITH Smith smith Müller MÜLLER \u0130stanbul O'Brien x-RAY";
        ProseTokens tokens = ProseTokens.of(text);
        for (int i = 0; i < tokens.size(); i++) {
            assertThat(tokens.lower(i)).isEqualTo(tokens.text(i).toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(tokens.lower(1)).isSameAs(tokens.lower(0)).isSameAs(tokens.lower(2));
        assertThat(tokens.lower(99)).isEmpty();
        assertThat(tokens.stem(99)).isEmpty();
    }

    @Test
    void manyDistinctWordsAllLowerCaseCorrectly() {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 100_000; n++) {
            text.append('W').append(Integer.toString(n, 26).replace('0', 'q').replace('1', 'r').replace('2', 's')
                    .replace('3', 't').replace('4', 'u').replace('5', 'v').replace('6', 'w').replace('7', 'x')
                    .replace('8', 'y').replace('9', 'z')).append(' ');
        }
        ProseTokens tokens = ProseTokens.of(text.toString());
        assertThat(tokens.size()).isEqualTo(100_000);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(tokens.lower(i)).isEqualTo(tokens.text(i).toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    @Test
    void theSameTextOnTheSameThreadIsSplitOnce() {
        String text = "Seen by Dr. Ana Ruiz on March 3, 2024.";
        ProseTokens first = ProseTokens.of(text);
        assertThat(ProseTokens.of(text)).isSameAs(first);
        String equalCopy = new String(text.toCharArray());
        ProseTokens copy = ProseTokens.of(equalCopy);
        assertThat(copy).isNotSameAs(first);
        assertThat(texts(copy)).isEqualTo(texts(first));
    }

    @Test
    void detectorsGiveTheSameFindingsOnManyThreadsSharingOneText() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < 300; n++) {
            text.append("Patient: Maria Gonzalez, DOB 03/14/1962, seen by Dr. Alan Park on March 14th, 2024 at ")
                    .append(100 + n).append(" Valencia St, San Francisco, CA 94110. The 92-year-old is stable.\n");
        }
        String shared = text.toString();
        List<dev.parley.pii.Finding> expected = new ArrayList<>();
        for (Detector detector : NarrativeDetectors.all()) {
            detector.detect(new String(shared.toCharArray()), expected);
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<dev.parley.pii.Finding>>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    List<dev.parley.pii.Finding> found = new ArrayList<>();
                    for (Detector detector : NarrativeDetectors.all()) {
                        detector.detect(shared, found);
                    }
                    return found;
                }));
            }
            for (java.util.concurrent.Future<List<dev.parley.pii.Finding>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
