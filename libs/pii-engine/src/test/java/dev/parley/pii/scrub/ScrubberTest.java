package dev.parley.pii.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "mail jane@example.org or call 555-123-4567 zip 94110";
    private static final List<Finding> FINDINGS = List.of(
            new Finding(PiiType.EMAIL, 5, 21, 0.99, "email"),
            new Finding(PiiType.PHONE, 30, 42, 0.9, "phone"),
            new Finding(PiiType.ZIP, 47, 52, 0.9, "zip"));

    /** A vault in memory, numbering per tenant, conversation and type like the real one. */
    @Test
    void strictZipKeepsThreeDigits() {
        Scrubber scrubber = new Scrubber(Operator.REDACT, Map.of(), KEY, null, true);
        assertThat(scrubber.scrub(TEXT, FINDINGS, "t", null).text()).endsWith("zip 941XX");
    }

    @Test
    void tokenizesConsistentlyAndRestoresOnlyInTheSameConversation() {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        Scrubber scrubber = new Scrubber(Operator.TOKENIZE, Map.of(), KEY, vault, false);
        String twice = "jane@example.org and jane@example.org";
        Scrubber.Result result = scrubber.scrub(twice, List.of(new Finding(PiiType.EMAIL, 0, 16, 1, "e"),
                new Finding(PiiType.EMAIL, 21, 37, 1, "e")), "t1", "c1");
        assertThat(result.text()).isEqualTo("\u27E6EMAIL_1\u27E7 and \u27E6EMAIL_1\u27E7");
        assertThat(result.replacements()).extracting(Scrubber.Replacement::placeholder).containsOnly("\u27E6EMAIL_1\u27E7");
        assertThat(vault.calls()).as("one vault call per text").isEqualTo(1);

        String reply = "I will write to \u27E6EMAIL_1\u27E7, not \u27E6EMAIL_2\u27E7 or \u27E6bogus\u27E7.";
        assertThat(Placeholders.in(reply)).containsExactly("\u27E6EMAIL_1\u27E7", "\u27E6EMAIL_2\u27E7");
        assertThat(vault.restore("t1", "c1", reply))
                .isEqualTo("I will write to jane@example.org, not \u27E6EMAIL_2\u27E7 or \u27E6bogus\u27E7.");
        assertThat(vault.restore("t2", "c1", reply)).isEqualTo(reply);
        assertThat(vault.restore("t1", "c2", reply)).isEqualTo(reply);
    }

    @Test
    void refusesOverlapsAndTokenizingWithoutAConversation() {
        InMemoryTokenVault vault = new InMemoryTokenVault();
        Scrubber scrubber = new Scrubber(Operator.TOKENIZE, Map.of(), KEY, vault, false);
        assertThatThrownBy(() -> scrubber.scrub(TEXT, List.of(new Finding(PiiType.EMAIL, 5, 21, 1, "e"),
                new Finding(PiiType.URL, 10, 25, 1, "u")), "t", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThat(vault.size()).as("nothing tokenized for a refused text").isZero();
        assertThatThrownBy(() -> scrubber.scrub(TEXT, FINDINGS, "t", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoringIsLinearOnHostileInput() {
        String hostile = "\u27E6".repeat(500_000) + "EMAIL_1" + "\u27E7".repeat(500_000);
        String restored = Placeholders.restore(hostile, Map.of("\u27E6EMAIL_1\u27E7", "x"));
        assertThat(restored).hasSize(hostile.length() - "\u27E6EMAIL_1\u27E7".length() + 1);
    }
}
