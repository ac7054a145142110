package dev.parley.pii.detect;

import static dev.parley.pii.detect.Detections.covered;
import static dev.parley.pii.detect.Detections.run;
import static dev.parley.pii.detect.Detections.scoreOf;
import static dev.parley.pii.detect.Detections.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {

    private final IbanDetector detector = new IbanDetector();

    /** The example IBANs the national banks and the SWIFT registry publish, one per country with a known length. */
    @ParameterizedTest
    @ValueSource(strings = {
        "DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606",
        "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456", "NL91 ABNA 0417 1643 00",
        "CH93 0076 2011 6238 5295 7", "BE68 5390 0754 7034", "AT61 1904 3002 3457 3201",
        "IE29 AIBK 9311 5212 3456 78", "PL61 1090 1014 0000 0712 1981 2874", "SE45 5000 0000 0583 9825 7466",
        "NO93 8601 1117 947", "DK50 0040 0440 1162 43", "FI21 1234 5600 0007 85", "PT50 0002 0123 1234 5678 9015 4"})
    void groupedAndCompactIbansOfKnownCountriesAreFound(String grouped) {
        Finding finding = single(detector, "IBAN " + grouped + ", BIC follows", grouped);
        assertThat(finding.type()).isEqualTo(PiiType.IBAN);
        assertThat(finding.score()).isEqualTo(IbanDetector.KNOWN_COUNTRY);
        String compact = grouped.replace(" ", "");
        assertThat(scoreOf(detector, "to " + compact + ".", compact)).isEqualTo(IbanDetector.KNOWN_COUNTRY);
    }

    @Test
    void exactSpanOfAGroupedIban() {
        String iban = "DE89 3704 0044 0532 0130 00";
        Finding finding = single(detector, "Pay to " + iban + " by Friday", iban);
        assertThat(finding.start()).isEqualTo(7);
        assertThat(finding.end()).isEqualTo(34);
    }

    @Test
    void lowerCaseIbanIsFound() {
        assertThat(covered(detector, "iban de89 3704 0044 0532 0130 00"))
                .containsExactly("de89 3704 0044 0532 0130 00");
    }

    @Test
    void unknownCountryIsAcceptedWhenMod97HoldsAtALowerScore() {
        assertThat(scoreOf(detector, "KZ86 125K ZT50 0410 0100", "KZ86 125K ZT50 0410 0100"))
                .isEqualTo(IbanDetector.UNKNOWN_COUNTRY);
        assertThat(scoreOf(detector, "MU17BOMM0101101030300200000MUR", "MU17BOMM0101101030300200000MUR"))
                .isEqualTo(IbanDetector.UNKNOWN_COUNTRY);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89 3704 0044 0532 0130 01", // wrong check
        "DE88370400440532013000",
        "DE89 3704 0044 0532 0130", // DE is 22 long, this is 20
        "DE8937040044053201300012", // 24 for DE even if mod-97 happened to hold
        "GB82 WEST 1234 5698 7654 3", "NO93 8601 1117 94"})
    void wrongCheckOrWrongLengthForTheCountryIsRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }

    @Test
    void aWordAfterTheLastGroupIsNotPartOfTheIban() {
        // BE is 16: "then" would make a valid-looking fifth group
        assertThat(covered(detector, "BE68 5390 0754 7034 then pay")).containsExactly("BE68 5390 0754 7034");
        assertThat(covered(detector, "NL91 ABNA 0417 1643 00 and DE89 3704 0044 0532 0130 00."))
                .containsExactly("NL91 ABNA 0417 1643 00", "DE89 3704 0044 0532 0130 00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XDE89370400440532013000", "DE89370400440532013000X", "DE89370400440532013000_1",
        "AB12", "ICD E11.9", "Room GB12 floor 3", "KZ86125KZT5004100101"})
    void ibanShapedTokensInsideWordsOrTooShortAreRejected(String text) {
        assertThat(run(detector, text)).isEmpty();
    }
}
