package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The word lists are data written by hand: these checks keep them consistent with each other. */
class NameLexiconTest {

    @Test
    void listsHaveTheirIntendedSize() {
        assertThat(Lexicon.load("first-names.txt").size()).isGreaterThanOrEqualTo(300);
        assertThat(Lexicon.load("last-names.txt").size()).isGreaterThanOrEqualTo(300);
        assertThat(Lexicon.load("cities.txt").size()).isGreaterThanOrEqualTo(100);
        assertThat(Lexicon.lines("us-states.txt")).hasSize(51);
    }

    @Test
    void noListedNameIsTakenForADrugOrANonName() {
        for (String file : List.of("first-names.txt", "last-names.txt")) {
            for (String name : Lexicon.lines(file)) {
                assertThat(NameLexicon.isDrug(name)).as("%s in %s looks like a drug", name, file).isFalse();
                assertThat(NameLexicon.isNeverAName(name)).as("%s in %s is a non-name", name, file).isFalse();
            }
        }
    }

    @Test
    void everyCommonWordNameIsAListedName() {
        for (String name : Lexicon.lines("common-word-names.txt")) {
            assertThat(NameLexicon.isKnownName(name)).as(name).isTrue();
        }
    }

    @Test
    void drugsAreRecognizedByNameOrEnding() {
        assertThat(List.of("metformin", "lisinopril", "atorvastatin", "metoprolol", "omeprazole", "adalimumab",
                "apixaban", "tylenol")).allMatch(NameLexicon::isDrug);
        assertThat(List.of("smith", "maria", "gonzalez", "okafor", "pril", "jacqualine", "adaline", "rosaline"))
                .noneMatch(NameLexicon::isDrug);
    }

    @Test
    void statesMatchByNameAndCapitalizedAbbreviationOnly() {
        ProseTokens tokens = ProseTokens.of("IL in District of Columbia New York Il");
        assertThat(UsPlaces.stateEnd(tokens, 0)).isEqualTo(1);
        assertThat(UsPlaces.stateEnd(tokens, 1)).isEqualTo(-1);
        assertThat(UsPlaces.stateEnd(tokens, 2)).isEqualTo(5);
        assertThat(UsPlaces.stateEnd(tokens, 5)).isEqualTo(7);
        assertThat(UsPlaces.stateEnd(tokens, 7)).isEqualTo(-1);
    }

    @Test
    void zipCodesAreFiveDigitsWithAnOptionalPlusFour() {
        ProseTokens tokens = ProseTokens.of("62701 62701-1234 627011 6270");
        assertThat(UsPlaces.zipEnd(tokens, 0)).isEqualTo(1);
        assertThat(UsPlaces.zipEnd(tokens, 1)).isEqualTo(4);
        assertThat(UsPlaces.zipEnd(tokens, 4)).isEqualTo(-1);
        assertThat(UsPlaces.zipEnd(tokens, 5)).isEqualTo(-1);
    }
}
