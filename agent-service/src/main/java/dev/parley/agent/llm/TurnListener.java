package dev.parley.agent.llm;

/** What a streaming turn shows while it runs: answer tokens as they arrive, tool calls as they start and end. */
public interface TurnListener {

    TurnListener SILENT = new TurnListener() {
        @Override
        public void onToken(String token) {}

        @Override
        public void onTool(String tool, String status) {}
    };

    void onToken(String token);

    /** @param status {@code started}, {@code completed}, {@code failed} or {@code proposed} */
    void onTool(String tool, String status);
}
