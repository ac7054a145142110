package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NpiTest {

    @Test
    void theCheckDigitIsLuhnWithThe80840Prefix() {
        // the example of the CMS NPI check digit paper
        assertThat(Npi.of(123456789)).isEqualTo("1234567893");
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("12345678a3")).isFalse();
    }

    @Test
    void everyBaseGetsAnNpiTheOracleAccepts() {
        for (long base = 100_000_000L; base < 100_002_000L; base++) {
            String npi = Npi.of(base);
            assertThat(RuleOracle.luhnNpi(npi)).as(npi).isTrue();
            assertThat(Npi.isValid(npi)).isTrue();
        }
    }

    @Test
    void aBaseNeedsNineDigits() {
        assertThatThrownBy(() -> Npi.of(12345678)).isInstanceOf(IllegalArgumentException.class);
    }
}
