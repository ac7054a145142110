package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyPostProcessorTest {

    private static final ReplyPostProcessor.WorkspaceIds KNOWN = new ReplyPostProcessor.WorkspaceIds(
            Set.of("CASE-000123", "case-000456"), Set.of("RULE-MED-001"), Set.of("1234567893"));

    private final ReplyPostProcessor processor = new ReplyPostProcessor();

    private ReplyPostProcessor.Processed process(String reply) {
        return processor.process(reply, KNOWN, Map.of());
    }

    @Test
    void existingIdsBecomeLinksExactlyAsTheIssueShows() {
        ReplyPostProcessor.Processed processed = process("CASE-000123 hit RULE-MED-001; see case-000456 and "
                + "provider 1234567893.");
        assertThat(processed.stored()).isEqualTo("[CASE-000123](/cases/CASE-000123) hit "
                + "[RULE-MED-001](/rules/RULE-MED-001); see [CASE-000456](/cases/CASE-000456) and provider "
                + "[1234567893](/providers/1234567893).");
        assertThat(processed.user()).isEqualTo(processed.stored());
        assertThat(processed.flaggedCaseIds()).isEmpty();
    }

    @Test
    void unknownRuleIdsAndNpisStayAsWritten() {
        ReplyPostProcessor.Processed processed = process("RULE-RX-009 and 1987654328 and rule-med-001");
        assertThat(processed.stored()).isEqualTo("RULE-RX-009 and 1987654328 and [RULE-MED-001](/rules/RULE-MED-001)");
    }

    @Test
    void foreignCaseIdsAreReplacedAndFlagged() {
        ReplyPostProcessor.Processed processed = process("Compare CASE-000123 with CASE-000999 and case-000998; "
                + "CASE-000999 again.");
        assertThat(processed.stored()).isEqualTo("Compare [CASE-000123](/cases/CASE-000123) with [unknown case] and "
                + "[unknown case]; [unknown case] again.");
        assertThat(processed.flaggedCaseIds()).containsExactly("CASE-000999", "CASE-000998");
    }

    @Test
    void alreadyLinkedTextIsNotLinkedAgain() {
        String reply = "See [CASE-000123](/cases/CASE-000123) and [the rule](/rules/RULE-MED-001), "
                + "![chart](/img/CASE-000123.png)";
        assertThat(process(reply).stored()).isEqualTo(reply);
        // processing is idempotent
        String once = process("CASE-000123 and CASE-000999").stored();
        assertThat(process(once).stored()).isEqualTo(once);
    }

    @Test
    void aLinkToAForeignCaseLosesItsTarget() {
        ReplyPostProcessor.Processed processed = process("Open [this case](/cases/CASE-000999) or "
                + "[CASE-000777](/cases/CASE-000123) or [CASE-000123](/cases/CASE-000123).");
        assertThat(processed.stored()).isEqualTo("Open this case or [unknown case] or "
                + "[CASE-000123](/cases/CASE-000123).");
        assertThat(processed.flaggedCaseIds()).containsExactly("CASE-000999", "CASE-000777");
    }

    @Test
    void codeSpansAndBlocksAreNotLinkedButForeignIdsInThemAreStillRemoved() {
        ReplyPostProcessor.Processed processed = process("Run `query CASE-000123` or ``CASE-000999 ` x``:\n"
                + "```\nGET /cases/CASE-000456\nCASE-000123\n```\nthen CASE-000123");
        assertThat(processed.stored()).isEqualTo("Run `query CASE-000123` or ``[unknown case] ` x``:\n"
                + "```\nGET /cases/CASE-000456\nCASE-000123\n```\nthen [CASE-000123](/cases/CASE-000123)");
        assertThat(processed.flaggedCaseIds()).containsExactly("CASE-000999");
    }

    @Test
    void anUnclosedBacktickIsPlainText() {
        assertThat(process("a ` then CASE-000123").stored()).isEqualTo("a ` then [CASE-000123](/cases/CASE-000123)");
    }

    @Test
    void urlsAndPathsAreLeftWhole() {
        ReplyPostProcessor.Processed processed = process("https://app.example/cases/CASE-000123?x=1 and "
                + "/cases/CASE-000123 and <https://x/CASE-000999>");
        assertThat(processed.stored()).isEqualTo("https://app.example/cases/CASE-000123?x=1 and /cases/CASE-000123 "
                + "and <https://x/[unknown case]>");
        assertThat(processed.flaggedCaseIds()).containsExactly("CASE-000999");
    }

    @Test
    void idsInsideWordsOrLongerNumbersAreNotIds() {
        assertThat(process("XCASE-000123 CASE-000123x CASE-1234567890123 12345678931 a1234567893").stored())
                .isEqualTo("XCASE-000123 CASE-000123x CASE-1234567890123 12345678931 a1234567893");
        assertThat(process("xCASE-000999").flaggedCaseIds()).isEmpty();
    }

    @Test
    void placeholdersAreRestoredOnlyInTheUsersCopy() {
        Map<String, String> vault = Map.of("⟦PERSON_1⟧", "Jane Roe", "⟦NPI_1⟧", "1234567893");
        ReplyPostProcessor.Processed processed = processor.process("⟦PERSON_1⟧ (⟦NPI_1⟧) owns CASE-000123; "
                + "⟦EMAIL_1⟧ is unknown.", KNOWN, vault);
        assertThat(processed.stored()).isEqualTo("⟦PERSON_1⟧ (⟦NPI_1⟧) owns [CASE-000123](/cases/CASE-000123); "
                + "⟦EMAIL_1⟧ is unknown.");
        assertThat(processed.user()).isEqualTo("Jane Roe (1234567893) owns [CASE-000123](/cases/CASE-000123); "
                + "⟦EMAIL_1⟧ is unknown.");
    }

    @Test
    void placeholdersInLinksAndCodeAreRestoredSafelyForWhereTheyLand() {
        Map<String, String> vault = Map.of("⟦PERSON_1⟧", "O'Brien [admin](javascript:x)", "⟦NPI_1⟧", "1234567893",
                "⟦EMAIL_1⟧", "a`b@example.com");
        ReplyPostProcessor.Processed processed = processor.process(
                "[⟦PERSON_1⟧](/providers/⟦NPI_1⟧) `⟦EMAIL_1⟧` ⟦PERSON_1⟧", KNOWN, vault);
        assertThat(processed.stored()).isEqualTo("[⟦PERSON_1⟧](/providers/⟦NPI_1⟧) `⟦EMAIL_1⟧` ⟦PERSON_1⟧");
        assertThat(processed.user()).isEqualTo("[O'Brien \\[admin\\](javascript:x)](/providers/1234567893) "
                + "`a'b@example.com` O'Brien \\[admin\\](javascript:x)");
        ReplyPostProcessor.Processed encoded = processor.process("[x](/search?q=⟦PERSON_1⟧)", KNOWN,
                Map.of("⟦PERSON_1⟧", "Zoë & co"));
        assertThat(encoded.user()).isEqualTo("[x](/search?q=Zo%C3%AB%20%26%20co)");
    }

    @Test
    void aRestoredOriginalIsNeverReadAsAnId() {
        ReplyPostProcessor.Processed processed = processor.process("⟦PERSON_1⟧", KNOWN,
                Map.of("⟦PERSON_1⟧", "CASE-000999"));
        assertThat(processed.user()).isEqualTo("CASE-000999");
        assertThat(processed.flaggedCaseIds()).isEmpty();
    }

    @Test
    void manyIdsInOneReply() {
        Set<String> known = new HashSet<>();
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            String id = "CASE-%06d".formatted(i);
            if (i % 2 == 0) {
                known.add(id);
            }
            reply.append(id).append(i % 3 == 0 ? " `" + id + "` " : ", ");
        }
        ReplyPostProcessor.Processed processed = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> processor.process(reply.toString(), new ReplyPostProcessor.WorkspaceIds(known, Set.of(), Set.of()),
                        Map.of()));
        assertThat(processed.flaggedCaseIds()).hasSize(10_000).startsWith("CASE-000001", "CASE-000003");
        assertThat(processed.stored()).startsWith("[CASE-000000](/cases/CASE-000000) `CASE-000000` [unknown case], "
                + "[CASE-000002](/cases/CASE-000002), [unknown case] `[unknown case]` ");
    }

    @Test
    void nullInputsAreEmpty() {
        ReplyPostProcessor.Processed processed = processor.process(null, null, null);
        assertThat(processed.stored()).isEmpty();
        assertThat(processed.user()).isEmpty();
        assertThat(processed.flaggedCaseIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "`", "[x](", "](", "[a]", "``", "CASE-", "CASE-000999 ", "⟦", "⟦PERSON_1⟧",
        "https://", "1234567893 ", "RULE-MED-", "(", ")", "[`", "`[x](y)`"})
    void a100KbAdversarialReplyIsProcessedInLinearTime(String seed) {
        String reply = seed.repeat(100_000 / seed.length() + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> processor.process(reply, KNOWN, Map.of("⟦PERSON_1⟧", "Jane")));
    }
}
