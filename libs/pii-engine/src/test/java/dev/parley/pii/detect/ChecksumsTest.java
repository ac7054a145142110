package dev.parley.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The check-digit algorithms against published test values and single-digit corruptions of them. */
class ChecksumsTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
        "30569309025904", "79927398713", "0"})
    void luhnAcceptsPublishedTestNumbers(String digits) {
        assertThat(Checksums.luhn(digits)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554443", "79927398710", "", "4111-1111", "12a4"})
    void luhnRejectsCorruptedOrNonDigitInput(String digits) {
        assertThat(Checksums.luhn(digits)).isFalse();
    }

    @Test
    void luhnCatchesEverySingleDigitErrorAndAdjacentSwap() {
        String valid = "4012888888881881";
        for (int i = 0; i < valid.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != valid.charAt(i)) {
                    String corrupted = valid.substring(0, i) + d + valid.substring(i + 1);
                    assertThat(Checksums.luhn(corrupted)).as(corrupted).isFalse();
                }
            }
        }
        // swapping 4 and 0 changes the sum: Luhn's only blind spot is 09 <-> 90
        assertThat(Checksums.luhn("0412888888881881")).isFalse();
        assertThat(Checksums.luhn("4111111111111111")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567893", "1245319599", "1003000126", "1914177765", "2391500081"})
    void npiAcceptsValidNumbers(String npi) {
        assertThat(Checksums.npi(npi, 0)).isTrue();
        assertThat(Checksums.npi("NPI " + npi, 4)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "2000000008", "1245319598", "12453195a9"})
    void npiRejectsWrongCheckDigitOrCharacters(String npi) {
        assertThat(Checksums.npi(npi, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
        "NL91ABNA0417164300", "gb82west12345698765432", "MU17BOMM0101101030300200000MUR"})
    void ibanAcceptsMod97Valid(String iban) {
        assertThat(Checksums.iban(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013001", "GB82WEST12345698765423", "DE89 3704", "DE8", "DE89-3704004405"})
    void ibanRejectsWrongCheckOrForeignCharacters(String iban) {
        assertThat(Checksums.iban(iban)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"021000021", "011000015", "026009593", "111000025"})
    void abaAcceptsRealRoutingNumbers(String routing) {
        assertThat(Checksums.aba(routing, 0)).isTrue();
        assertThat(Checksums.aba("RTN " + routing, 4)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"021000022", "123456789", "02100002a", "120000021"})
    void abaRejectsWrongCheckOrCharacters(String routing) {
        assertThat(Checksums.aba(routing, 0)).isFalse();
    }

    @Test
    void deaCheckDigitIsLastDigitOfOddSumPlusTwiceEvenSum() {
        // 1+3+5 + 2*(2+4+6) = 33
        assertThat(Checksums.dea("1234563")).isTrue();
        // 6+2+3 + 2*(1+5+4) = 31
        assertThat(Checksums.dea("6125341")).isTrue();
        assertThat(Checksums.dea("1234564")).isFalse();
        assertThat(Checksums.dea("123456")).isFalse();
        assertThat(Checksums.dea("12345a3")).isFalse();
    }

    @Test
    void vinCheckCharacterFollowsIso3779() {
        assertThat(Checksums.vinCheckCharacter("1M8GDM9AXKP042788")).isEqualTo('X');
        assertThat(Checksums.vin("1M8GDM9AXKP042788")).isTrue();
        assertThat(Checksums.vin("1m8gdm9axkp042788")).isTrue();
        assertThat(Checksums.vin("1HGCM82633A004352")).isTrue();
        assertThat(Checksums.vin("1M8GDM9AYKP042788")).isFalse();
        assertThat(Checksums.vin("1HGCM82643A004352")).isFalse();
    }

    @Test
    void vinRejectsLettersAVinNeverContainsAndWrongLength() {
        assertThat(Checksums.vinCheckCharacter("1M8GDM9AXKP04278O")).isEqualTo((char) 0);
        assertThat(Checksums.vinCheckCharacter("IM8GDM9AXKP042788")).isEqualTo((char) 0);
        assertThat(Checksums.vinCheckCharacter("1M8GDM9AXKP04278")).isEqualTo((char) 0);
        assertThat(Checksums.vin("1M8GDM9AXKP04278-")).isFalse();
    }

    @Test
    void offsetChecksumsAgreeWithTheCopyingOnes() {
        java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder digits = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String text = "x" + digits + "y";
            assertThat(Checksums.npi(text, 1)).isEqualTo(Checksums.luhn("80840" + digits.substring(0, 10)));
            int weighted = 0;
            for (int k = 0; k < 9; k++) {
                weighted += new int[] {3, 7, 1}[k % 3] * (digits.charAt(1 + k) - '0');
            }
            assertThat(Checksums.aba(text, 2)).isEqualTo(weighted % 10 == 0);
        }
        assertThat(Checksums.npi("x12453195a9", 1)).isFalse();
        assertThat(Checksums.aba("02100002a", 0)).isFalse();
    }
}
