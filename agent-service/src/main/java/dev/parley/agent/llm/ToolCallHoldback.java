package dev.parley.agent.llm;

import java.util.function.Consumer;

/**
 * Streams a prompt-described-tools answer without showing a tool call: passes tokens on line by line as soon as a
 * line cannot start a call, and holds back everything from the first line that starts with {@code {} or a fence
 * ({@code `}) until the answer ends. Then {@link #finish} passes the held text on when it was no call after all.
 */
final class ToolCallHoldback implements Consumer<String> {

    private final Consumer<String> out;
    private final StringBuilder undecided = new StringBuilder();
    private final StringBuilder held = new StringBuilder();
    private boolean lineDecided;
    private boolean holding;

    ToolCallHoldback(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void accept(String token) {
        if (holding) {
            held.append(token);
            return;
        }
        StringBuilder passed = new StringBuilder();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (holding) {
                held.append(c);
            } else if (lineDecided) {
                passed.append(c);
                lineDecided = c != '\n';
            } else {
                undecided.append(c);
                if (c == '{' || c == '`') {
                    holding = true;
                    held.append(undecided);
                    undecided.setLength(0);
                } else if (c == '\n') {
                    passed.append(undecided);
                    undecided.setLength(0);
                } else if (!Character.isWhitespace(c)) {
                    lineDecided = true;
                    passed.append(undecided);
                    undecided.setLength(0);
                }
            }
        }
        if (!passed.isEmpty()) {
            out.accept(passed.toString());
        }
    }

    /** The answer ended; {@code wasCall}: it held a tool call, so what was held back stays unseen. */
    void finish(boolean wasCall) {
        if (!wasCall) {
            String rest = undecided.toString() + held;
            if (!rest.isEmpty()) {
                out.accept(rest);
            }
        }
        undecided.setLength(0);
        held.setLength(0);
        holding = false;
        lineDecided = false;
    }
}
