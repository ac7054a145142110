package dev.parley.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streaming with prompt-described tools: prose goes out as it comes, a call never. */
class ToolCallHoldbackTest {

    private final List<String> shown = new ArrayList<>();
    private final ToolCallHoldback holdback = new ToolCallHoldback(shown::add);

    @Test
    void passesProseOnAsItArrives() {
        holdback.accept("The claim");
        holdback.accept(" is paid.\nIt has");
        assertThat(shown).containsExactly("The claim", " is paid.\nIt has");

        holdback.accept(" one case.");
        holdback.finish(false);
        assertThat(String.join("", shown)).isEqualTo("The claim is paid.\nIt has one case.");
    }

    @Test
    void holdsBackALineThatStartsACall() {
        holdback.accept("Checking.\n  ");
        holdback.accept("{\"tool\": \"lookup_claim\", ");
        holdback.accept("\"arguments\": {}}");
        holdback.finish(true);

        assertThat(String.join("", shown)).isEqualTo("Checking.\n");
    }

    @Test
    void holdsBackAFenceAndShowsItWhenItWasNoCall() {
        holdback.accept("Here:\n```");
        holdback.accept("java\nint x;\n```");
        assertThat(String.join("", shown)).isEqualTo("Here:\n");

        holdback.finish(false);
        assertThat(String.join("", shown)).isEqualTo("Here:\n```java\nint x;\n```");
    }
}
