package dev.parley.agent.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptRegistryTest {

    private static final Map<String, Map<String, Integer>> FIFTY_FIFTY =
            Map.of("chat-system", Map.of("v1", 50, "v2", 50));

    @TempDir
    Path dir;

    private static String file(String id, String version, String template, String placeholders) {
        return """
                id: %s
                version: %s
                %stemplate: |
                  %s
                changelog:
                  - version: %s
                    date: 2026-12-02
                    note: test
                """.formatted(id, version, placeholders == null ? "" : "placeholders: [" + placeholders + "]\n",
                template, version);
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private PromptRegistry load() {
        return PromptRegistry.fromDirectory(dir, Map.of());
    }

    private static List<UUID> conversations(int count) {
        Random random = new Random(20261202);
        return java.util.stream.Stream.generate(() -> new UUID(random.nextLong(), random.nextLong())).limit(count)
                .toList();
    }

    // the prompts the service ships

    @Test
    void theShippedPromptsLoad() {
        PromptRegistry registry = PromptRegistry.fromClasspath(FIFTY_FIFTY);

        assertThat(registry.list()).extracting(PromptListing::id)
                .containsExactly("case-summary", "chat-system", "page-preamble", "report", "tool-format");
        assertThat(registry.versions("chat-system")).extracting(PromptVersion::version).containsExactly("v1", "v2");
        assertThat(registry.get("case-summary", "v1").placeholders()).containsExactly("caseId", "format");
        assertThat(registry.get("tool-format", "v1").template()).contains("{\"tool\": \"<tool name>\", \"arguments\"");
    }

    @ParameterizedTest
    @CsvSource({"v1", "v2"})
    void theChatSystemPromptStatesTheRules(String version) {
        String template = PromptRegistry.fromClasspath(Map.of()).get("chat-system", version).template();

        assertThat(template).contains("Answer only from the tool results and this conversation")
                .contains("plain id").contains("the application links them")
                .contains("Never guess, invent or complete an id")
                .contains("say which data is missing")
                .contains("Never ask for personal data").contains("never repeat personal data")
                .contains("⟦PERSON_1⟧").contains("Keep each one exactly as")
                .contains("user must confirm them").doesNotContain("{{format}}");
    }

    @Test
    void versionTwoOfTheChatSystemPromptIsStricterOnCitations() {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of());

        assertThat(registry.get("chat-system", "v2").template())
                .contains("Only ids that appear in a tool result of this conversation may appear in your answer");
        assertThat(registry.get("chat-system", "v1").template()).doesNotContain("Only ids that appear");
        assertThat(registry.get("chat-system", "v2").changelog()).extracting(ChangelogEntry::version)
                .containsExactly("v1", "v2");
    }

    // rendering

    @Test
    void renderReplacesEveryPlaceholderWithItsValueAsItIs() {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of());

        String text = registry.render("case-summary", "v1", Map.of("caseId", "CASE-000123",
                "format", "Reply as JSON. {{caseId}} stays as written."));

        assertThat(text).contains("Summarize case CASE-000123 for an analyst")
                .contains("Reply as JSON. {{caseId}} stays as written.")
                .doesNotContain("{{format}}");
    }

    @Test
    void renderRefusesMissingAndUnknownValuesAndUnknownPrompts() {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of());
        Map<String, String> onlyCase = Map.of("caseId", "CASE-000123");
        Map<String, String> withNull = new HashMap<>(Map.of("caseId", "CASE-000123"));
        withNull.put("format", null);
        Map<String, String> extra = Map.of("caseId", "CASE-000123", "format", "JSON", "tone", "friendly");

        assertThatThrownBy(() -> registry.render("case-summary", "v1", onlyCase)).isInstanceOf(PromptException.class)
                .hasMessage("case-summary@v1: no value for [format]");
        assertThatThrownBy(() -> registry.render("case-summary", "v1", withNull))
                .hasMessage("case-summary@v1: no value for [format]");
        assertThatThrownBy(() -> registry.render("case-summary", "v1", extra))
                .hasMessage("case-summary@v1: no placeholder for [tone]");
        assertThatThrownBy(() -> registry.render("case-summary", "v9", onlyCase))
                .hasMessage("no prompt case-summary@v9");
        assertThatThrownBy(() -> registry.render("nope", "v1", Map.of())).hasMessage("no prompt nope");
    }

    @Test
    void placeholdersAreFoundInOrderAndMalformedOnesRefused() {
        assertThat(PromptTemplate.placeholders("{{b}} and {{ a }} then {{b}}; a JSON {\"x\": {\"y\": 1}}"))
                .containsExactly("b", "a");
        assertThatThrownBy(() -> PromptTemplate.placeholders("Hello {{name")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> PromptTemplate.placeholders("Hello {{first name}}"))
                .hasMessageContaining("'{{first name}}'").hasMessageContaining("is not a name");
    }

    // A/B

    @Test
    void aConversationGetsTheSameVersionOnEveryTurnAndInEveryInstance() {
        PromptRegistry registry = PromptRegistry.fromClasspath(FIFTY_FIFTY);
        PromptRegistry restarted = PromptRegistry.fromClasspath(FIFTY_FIFTY);

        for (UUID conversation : conversations(200)) {
            PromptVersion first = registry.choose("chat-system", conversation);
            for (int turn = 0; turn < 5; turn++) {
                assertThat(registry.choose("chat-system", conversation)).isEqualTo(first);
            }
            assertThat(restarted.choose("chat-system", conversation)).isEqualTo(first);
        }
        // pinned: a change of the hash would move live conversations to another version
        UUID early = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID late = UUID.fromString("6f1c2b1e-8d3a-4c55-9a7e-0b2f4d6c8e10");
        assertThat(PromptRegistry.bucketHash("chat-system", early)).isEqualTo(-8762497071820006203L);
        assertThat(registry.choose("chat-system", early).version()).isEqualTo("v1"); // bucket 13 of 100
        assertThat(registry.choose("chat-system", late).version()).isEqualTo("v2"); // bucket 72 of 100
        String sequence = conversations(16).stream()
                .map(c -> registry.choose("chat-system", c).version().substring(1)).collect(Collectors.joining());
        assertThat(sequence).isEqualTo("1222211112112121");
    }

    @Test
    void twoPromptsSplitTheSameConversationsIndependently() throws IOException {
        for (String id : List.of("a", "b")) {
            write(id + "-v1.yaml", file(id, "v1", "one", null));
            write(id + "-v2.yaml", file(id, "v2", "two", null));
        }
        PromptRegistry registry = PromptRegistry.fromDirectory(dir,
                Map.of("a", Map.of("v1", 50, "v2", 50), "b", Map.of("v1", 50, "v2", 50)));

        long same = conversations(10_000).stream()
                .filter(c -> registry.choose("a", c).version().equals(registry.choose("b", c).version())).count();

        assertThat(same).isBetween(4_800L, 5_200L); // the prompt id is part of the hash
    }

    @ParameterizedTest
    @CsvSource({"50, 50", "90, 10", "1, 3", "0, 7"})
    void theSplitOver10000ConversationsMatchesTheWeights(int v1, int v2) {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of("chat-system", Map.of("v1", v1, "v2", v2)));
        int n = 10_000;

        long onV1 = conversations(n).stream().filter(c -> registry.choose("chat-system", c).version().equals("v1"))
                .count();

        double expected = n * v1 / (double) (v1 + v2);
        double sigma = Math.sqrt(n * (v1 / (double) (v1 + v2)) * (v2 / (double) (v1 + v2)));
        assertThat((double) onV1).isBetween(expected - 4 * sigma - 1, expected + 4 * sigma + 1);
        if (v1 == 0) {
            assertThat(onV1).isZero();
        }
    }

    @Test
    void movingWeightToVersionTwoOnlyMovesConversationsToVersionTwo() {
        PromptRegistry before = PromptRegistry.fromClasspath(FIFTY_FIFTY);
        PromptRegistry after = PromptRegistry.fromClasspath(Map.of("chat-system", Map.of("v1", 30, "v2", 70)));

        for (UUID conversation : conversations(2_000)) {
            if (before.choose("chat-system", conversation).version().equals("v2")) {
                assertThat(after.choose("chat-system", conversation).version()).isEqualTo("v2");
            }
        }
    }

    @Test
    void withoutWeightsTheHighestVersionGetsEverything() {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of());

        assertThat(registry.weights("chat-system")).containsExactly(Map.entry("v1", 0), Map.entry("v2", 100));
        assertThat(conversations(500)).allSatisfy(c ->
                assertThat(registry.choose("chat-system", c).version()).isEqualTo("v2"));
    }

    @Test
    void versionsCompareNumerically() throws IOException {
        write("a-v2.yaml", file("a", "v2", "two", null));
        write("a-v10.yaml", file("a", "v10", "ten", null));
        write("a-v2.1.yaml", file("a", "v2.1", "two one", null));

        PromptRegistry registry = load();

        assertThat(registry.versions("a")).extracting(PromptVersion::version).containsExactly("v2", "v2.1", "v10");
        assertThat(registry.weights("a")).containsExactly(Map.entry("v2", 0), Map.entry("v2.1", 0),
                Map.entry("v10", 100));
    }

    // listing

    @Test
    void listShowsVersionsChangelogsWeightsAndActiveVersionsButNoTemplate() {
        PromptRegistry registry = PromptRegistry.fromClasspath(Map.of("chat-system", Map.of("v2", 1)));

        PromptListing chat = registry.list().stream().filter(p -> p.id().equals("chat-system")).findFirst()
                .orElseThrow();

        assertThat(chat.versions()).extracting(PromptListing.VersionInfo::version).containsExactly("v1", "v2");
        assertThat(chat.versions().get(1).changelog()).extracting(ChangelogEntry::note)
                .anyMatch(note -> note.startsWith("Stricter citations"));
        assertThat(chat.versions().get(0).placeholders()).containsExactly("today");
        assertThat(chat.versions().get(0).sha256()).hasSize(64).isNotEqualTo(chat.versions().get(1).sha256());
        assertThat(chat.weights()).containsExactly(Map.entry("v1", 0), Map.entry("v2", 1));
        assertThat(chat.active()).containsExactly("v2");
    }

    // loading errors

    @Test
    void aMalformedFileStopsLoadingWithItsName() throws IOException {
        write("ok-v1.yaml", file("ok", "v1", "fine", null));
        write("broken-v1.yaml", "id: broken\nversion: v1\ntemplate: [unclosed\n");

        assertThatThrownBy(this::load).isInstanceOf(PromptException.class)
                .hasMessageStartingWith("prompts/broken-v1.yaml: not valid YAML");
    }

    @Test
    void theSameIdAndVersionTwiceIsRefused() throws IOException {
        write("a-v1.yaml", file("a", "v1", "one", null));
        write("a-v1-copy.yaml", file("a", "v1", "another one", null));

        assertThatThrownBy(this::load)
                .hasMessage("prompts/a-v1.yaml: a@v1 is already defined by prompts/a-v1-copy.yaml");
    }

    private static final String A_V1 = "id: a\\nversion: v1\\n";
    private static final String LOG = "\\nchangelog: [{version: v1, date: 2026-12-02, note: n}]";

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        A_V1 + "changelog: [{version: v1, date: 2026-12-02, note: n}]|missing field 'template'",
        "version: v1\\ntemplate: t" + LOG + "|missing field 'id'",
        A_V1 + "template: t|missing field 'changelog'",
        A_V1 + "template: t\\nchangelog: []|changelog must be a non-empty list",
        A_V1 + "template: ' '" + LOG + "|field 'template' must be a non-empty text",
        A_V1 + "template: t\\nchangelog: [{version: v1, note: n}]|missing field 'changelog[0].date'",
        A_V1 + "template: t\\nchangelog: [{version: v1, date: soon, note: n}]"
                + "|changelog[0].date 'soon' must be YYYY-MM-DD",
        A_V1 + "template: t\\nchangelog: [{version: v0, date: 2026-12-02, note: n}]"
                + "|changelog has no entry for version v1",
        "id: a\\nversion: 1\\ntemplate: t" + LOG + "|field 'version' is '1': a version is v1",
        "id: A b\\nversion: v1\\ntemplate: t" + LOG + "|id 'A b' must be lower case",
        A_V1 + "template: t\\nchangelg: []|unknown field 'changelg'",
        A_V1 + "template: t\\ntemplate: u" + LOG + "|not valid YAML",
        "- just\\n- a list|expected a mapping",
        A_V1 + "template: 'Case {{caseId}}'" + LOG + "|template uses unknown placeholder(s) [caseId] (declared: [])",
        A_V1 + "placeholders: [caseId]\\ntemplate: 'Case {{caseld}}'" + LOG
                + "|template uses unknown placeholder(s) [caseld] (declared: [caseId])",
        A_V1 + "placeholders: [caseId, tone]\\ntemplate: 'Case {{caseId}}'" + LOG
                + "|placeholder(s) [tone] declared but not used",
        A_V1 + "template: 'Case {{case id}}'" + LOG + "|template: placeholder '{{case id}}'",
        A_V1 + "template: 'Case {{caseId'" + LOG + "|template: '{{' at offset 5 is never closed",
    })
    void aFileWithAMistakeIsRefusedWithAClearMessage(String yaml, String message) throws IOException {
        write("a-v1.yaml", yaml.replace("\\n", "\n"));

        assertThatThrownBy(this::load).isInstanceOf(PromptException.class)
                .hasMessageStartingWith("prompts/a-v1.yaml: ").hasMessageContaining(message);
    }

    @Test
    void anEmptyDirectoryIsRefused() {
        assertThatThrownBy(this::load).hasMessageContaining("no prompt files");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "nope|v1|50|parley.agent.prompts.\"nope\".weights: there is no prompt nope (prompts: [a])",
        "a|v3|50|parley.agent.prompts.\"a\".weights.v3: a has no version v3 (versions: [v1, v2])",
        "a|v1|-1|parley.agent.prompts.\"a\".weights.v1: a weight is 0 to 100000",
        "a|v1|0|parley.agent.prompts.\"a\".weights: at least one version needs a weight above 0",
    })
    void weightsThatDoNotFitThePromptsAreRefused(String id, String version, int weight, String message)
            throws IOException {
        write("a-v1.yaml", file("a", "v1", "one", null));
        write("a-v2.yaml", file("a", "v2", "two", null));

        assertThatThrownBy(() -> PromptRegistry.fromDirectory(dir, Map.of(id, Map.of(version, weight))))
                .isInstanceOf(PromptException.class).hasMessage(message);
    }

    @Test
    void aDirectoryPromptWithPlaceholdersRenders() throws IOException {
        write("greet-v1.yaml", file("greet", "v1", "Case {{caseId}} on {{today}}.", "caseId, today"));

        PromptRegistry registry = load();

        assertThat(registry.render("greet", "v1", Map.of("caseId", "CASE-000001", "today", "2026-12-02")))
                .isEqualTo("Case CASE-000001 on 2026-12-02.\n");
        assertThat(registry.get("greet", "v1").ref()).isEqualTo("greet@v1");
    }
}
