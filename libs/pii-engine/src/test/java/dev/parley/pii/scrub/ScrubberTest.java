package dev.parley.pii.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScrubberTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "mail jane@example.org or call 555-123-4567 zip 94110";
    private static final List<Finding> FINDINGS = List.of(
            new Finding(PiiType.EMAIL, 5, 21, 0.99, "email"),
            new Finding(PiiType.PHONE, 30, 42, 0.9, "phone"),
            new Finding(PiiType.ZIP, 47, 52, 0.9, "zip"));

    /** A vault in memory, numbering per tenant, conversation and type like the real one. */
    static final class MemoryVault implements TokenVault {
        final Map<String, String> byValue = new HashMap<>();
        final Map<String, String> byPlaceholder = new HashMap<>();
        final Map<String, Integer> counters = new HashMap<>();

        @Override
        public String tokenize(String tenant, String conversation, PiiType type, String original) {
            return byValue.computeIfAbsent(tenant + "|" + conversation + "|" + type + "|" + original, key -> {
                int n = counters.merge(tenant + "|" + conversation + "|" + type, 1, Integer::sum);
                String placeholder = Placeholders.of(type, n);
                byPlaceholder.put(tenant + "|" + conversation + "|" + placeholder, original);
                return placeholder;
            });
        }

        @Override
        public Optional<String> original(String tenant, String conversation, String placeholder) {
            return Optional.ofNullable(byPlaceholder.get(tenant + "|" + conversation + "|" + placeholder));
        }
    }

    @Test
    void redactsMasksAndHashesByType() {
        Scrubber scrubber = new Scrubber(Operator.REDACT, Map.of(PiiType.PHONE, Operator.MASK, PiiType.EMAIL,
                Operator.HASH), KEY, null, false);
        Scrubber.Result result = scrubber.scrub(TEXT, FINDINGS, "t", null);
        assertThat(result.text()).startsWith("mail <EMAIL:").contains(" or call ***-***-4567 zip [ZIP]")
                .doesNotContain("jane").doesNotContain("555-123");
        assertThat(result.countsByType()).containsEntry(PiiType.EMAIL, 1).containsEntry(PiiType.PHONE, 1);
        String again = scrubber.scrub(TEXT, FINDINGS, "t", null).text();
        assertThat(again).as("hashing is stable").isEqualTo(result.text());
        String otherKey = new Scrubber(Operator.REDACT, Map.of(PiiType.EMAIL, Operator.HASH),
                "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8), null, false)
                .scrub(TEXT, FINDINGS, "t", null).text();
        assertThat(otherKey.substring(0, 30)).as("another tenant's key, another hash").isNotEqualTo(result.text().substring(0, 30));
    }

    @Test
    void strictZipKeepsThreeDigits() {
        Scrubber scrubber = new Scrubber(Operator.REDACT, Map.of(), KEY, null, true);
        assertThat(scrubber.scrub(TEXT, FINDINGS, "t", null).text()).endsWith("zip 941XX");
    }

    @Test
    void tokenizesConsistentlyAndRestoresOnlyInTheSameConversation() {
        MemoryVault vault = new MemoryVault();
        Scrubber scrubber = new Scrubber(Operator.TOKENIZE, Map.of(), KEY, vault, false);
        String twice = "jane@example.org and jane@example.org";
        Scrubber.Result result = scrubber.scrub(twice, List.of(new Finding(PiiType.EMAIL, 0, 16, 1, "e"),
                new Finding(PiiType.EMAIL, 21, 37, 1, "e")), "t1", "c1");
        assertThat(result.text()).isEqualTo("\u27E6EMAIL_1\u27E7 and \u27E6EMAIL_1\u27E7");
        assertThat(result.replacements()).extracting(Scrubber.Replacement::placeholder).containsOnly("\u27E6EMAIL_1\u27E7");

        String reply = "I will write to \u27E6EMAIL_1\u27E7, not \u27E6EMAIL_2\u27E7 or \u27E6bogus\u27E7.";
        assertThat(Placeholders.restore(reply, p -> vault.original("t1", "c1", p)))
                .isEqualTo("I will write to jane@example.org, not \u27E6EMAIL_2\u27E7 or \u27E6bogus\u27E7.");
        assertThat(Placeholders.restore(reply, p -> vault.original("t2", "c1", p))).isEqualTo(reply);
        assertThat(Placeholders.restore(reply, p -> vault.original("t1", "c2", p))).isEqualTo(reply);
    }

    @Test
    void refusesOverlapsAndTokenizingWithoutAConversation() {
        Scrubber scrubber = new Scrubber(Operator.TOKENIZE, Map.of(), KEY, new MemoryVault(), false);
        assertThatThrownBy(() -> scrubber.scrub(TEXT, List.of(new Finding(PiiType.EMAIL, 5, 21, 1, "e"),
                new Finding(PiiType.URL, 10, 25, 1, "u")), "t", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scrubber.scrub(TEXT, FINDINGS, "t", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoringIsLinearOnHostileInput() {
        String hostile = "\u27E6".repeat(500_000) + "EMAIL_1" + "\u27E7".repeat(500_000);
        String restored = Placeholders.restore(hostile, p -> Optional.of("x"));
        assertThat(restored).hasSize(hostile.length() - "\u27E6EMAIL_1\u27E7".length() + 1);
    }
}
