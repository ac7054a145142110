package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The prompt-described tool format: what counts as a call, and what does not. */
class PromptToolsTest {

    @Test
    void parsesABareCallLine() {
        PromptTools.ParsedCall call = PromptTools.parse(
                "{\"tool\": \"lookup_claim\", \"arguments\": {\"claimId\": \"C-1\"}}").orElseThrow();

        assertThat(call.name()).isEqualTo("lookup_claim");
        assertThat(call.argumentsJson()).isEqualTo("{\"claimId\":\"C-1\"}");
    }

    @Test
    void parsesACallInAJsonFenceAfterProse() {
        String output = "Let me check that claim.\n```json\n{\"tool\": \"lookup_claim\",\n \"arguments\": "
                + "{\"claimId\": \"C-1\"}}\n```\nOne moment.";

        PromptTools.ParsedCall call = PromptTools.parse(output).orElseThrow();

        assertThat(call.name()).isEqualTo("lookup_claim");
        assertThat(call.argumentsJson()).isEqualTo("{\"claimId\":\"C-1\"}");
        assertThat(output.substring(call.start(), call.end())).startsWith("{\"tool\"").endsWith("}}");
        assertThat(PromptTools.withoutCall(output, call)).isEqualTo("Let me check that claim.\nOne moment.");
    }

    @Test
    void takesTheFirstCallAndSkipsObjectsThatAreNotCalls() {
        String output = "{\"note\": \"not a call\"}\n  {broken json\n{\"tool\": \"list_cases\"}\n"
                + "{\"tool\": \"lookup_claim\", \"arguments\": {}}";

        PromptTools.ParsedCall call = PromptTools.parse(output).orElseThrow();

        assertThat(call.name()).isEqualTo("list_cases");
        assertThat(call.argumentsJson()).isEqualTo("{}");
    }

    @Test
    void acceptsArgumentsSentAsAJsonString() {
        assertThat(PromptTools.parse("{\"tool\": \"lookup_claim\", \"arguments\": \"{\\\"claimId\\\": \\\"C-2\\\"}\"}"))
                .map(PromptTools.ParsedCall::argumentsJson).contains("{\"claimId\":\"C-2\"}");
    }

    @Test
    void ignoresGarbageProseAndCallsInsideALine() {
        assertThat(PromptTools.parse("The claim is paid.")).isEmpty();
        assertThat(PromptTools.parse("I would call {\"tool\": \"lookup_claim\", \"arguments\": {}} now")).isEmpty();
        assertThat(PromptTools.parse("{\"tool\": 42, \"arguments\": {}}")).isEmpty();
        assertThat(PromptTools.parse("{\"tool\": \"x\", \"arguments\": [1, 2]}")).isEmpty();
        assertThat(PromptTools.parse("{\"tool\": \"\", \"arguments\": {}}")).isEmpty();
        assertThat(PromptTools.parse("")).isEmpty();
        assertThat(PromptTools.parse(null)).isEmpty();
        assertThat(PromptTools.parse("```json\n{\"tool\": \"lookup_claim\", \"arguments\": {\"claimId\": ")).isEmpty();
    }

    @Test
    void staysFastOnHostileInput() {
        // many lines that each open an object that never closes: every try fails at the next line's brace
        String hostile = "{\"tool\": {\"tool\": {\n".repeat(20_000);
        long started = System.nanoTime();

        Optional<PromptTools.ParsedCall> call = PromptTools.parse(hostile);

        assertThat(call).isEmpty();
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    @Test
    void describesEachToolAfterTheInstructions() {
        String described = PromptTools.describe(List.of(LlmAgentTest.LOOKUP_CLAIM));

        assertThat(described).startsWith(PromptTools.INSTRUCTIONS)
                .contains("- lookup_claim: Looks up one claim by its id.")
                .contains("parameters: {\"type\":\"object\"");
    }
}
