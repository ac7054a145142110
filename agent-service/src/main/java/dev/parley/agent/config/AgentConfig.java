package dev.parley.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Optional;

/** The chat turn's settings, under {@code parley.agent} (the LLM: {@code LlmConfig}; prompts: {@code PromptsConfig}). */
@ConfigMapping(prefix = "parley.agent")
public interface AgentConfig {

    Turn turn();

    Actions actions();

    /** A chat turn. */
    interface Turn {
        /** The longest user message accepted, in characters; longer ones answer 413. */
        @WithDefault("8000")
        int maxMessageChars();

        /** How many earlier messages the model sees. */
        @WithDefault("20")
        int history();

        /** Comment lines on an idle stream, so that proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /**
         * Page resource types that are informational: their chats get read-only tools and no scope reminders. Unset:
         * {@code PageScope.DEFAULT_INFORMATIONAL_TYPES}.
         */
        Optional<List<String>> informationalPages();
    }

    /** Actions the agent proposes and the user confirms. */
    interface Actions {
        /**
         * Base64 key (32+ bytes) of the HMAC that signs proposed actions, so a client can only confirm what the agent
         * proposed to it. Required in production.
         */
        Optional<String> key();

        /** How long a proposed action can be confirmed. */
        @WithDefault("10m")
        Duration ttl();
    }
}
