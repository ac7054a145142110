package dev.parley.conversation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The conversation service's settings, under {@code parley.conversation}. */
@ConfigMapping(prefix = "parley.conversation")
public interface ConversationConfig {

    Tokens tokens();

    Messages messages();

    Expiry expiry();

    PageContext pageContext();

    Reminders reminders();

    Events events();

    /** The topic of conversation lifecycle and reminder events; created at start when absent. */
    interface Events {
        @WithDefault("parley.conversations.v1")
        String topic();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replication();

        /** How long consumers have to read an event. */
        @WithDefault("7d")
        Duration retention();
    }

    /** The conversation tokens the browser keeps. */
    interface Tokens {
        /** The key id new tokens are signed with. */
        @WithDefault("k1")
        String activeKid();

        /** HMAC-SHA256 keys by key id (base64, at least 32 bytes); older ids stay here to verify older tokens. */
        Map<String, String> keys();

        /** How long a token is accepted after it was issued. */
        @WithDefault("24h")
        Duration lifetime();
    }

    /** Sizes and page lengths of messages. */
    interface Messages {
        /** The longest message content accepted, in characters; longer ones answer 413. */
        @WithDefault("32000")
        int maxChars();

        /** The most messages one turn may append. */
        @WithDefault("10")
        int maxPerTurn();

        /** Messages returned by restore when no limit is asked for. */
        @WithDefault("50")
        int restoreLimit();

        /** Messages returned by history (the LLM context) when no limit is asked for. */
        @WithDefault("20")
        int historyLimit();

        /** The largest page any listing returns. */
        @WithDefault("200")
        int maxLimit();
    }

    /** When conversations expire and how the purge job runs. */
    interface Expiry {
        /** A conversation expires this long after its last activity. */
        @WithDefault("7d")
        Duration inactivity();

        /** How often the purge job runs (a Quarkus scheduler interval such as 10m). */
        @WithDefault("10m")
        String purgeEvery();

        /** Conversations purged per transaction. */
        @WithDefault("100")
        int purgeBatch();
    }

    /** Normalizing and caching page contexts. */
    interface PageContext {
        /** How long a normalized summary stays in Redis. */
        @WithDefault("10m")
        Duration cacheTtl();

        /** The most facts kept; the others are dropped (keys in order). */
        @WithDefault("50")
        int maxFacts();

        /** Fact keys longer than this are refused (400). */
        @WithDefault("64")
        int maxKeyChars();

        /** String values are cut to this many characters. */
        @WithDefault("200")
        int maxValueChars();

        /** Numbers are rounded to this many decimal places. */
        @WithDefault("2")
        int numberScale();

        /** The summary for the prompt preamble stays under this many cl100k_base tokens. */
        @WithDefault("300")
        int summaryMaxTokens();
    }

    /** Reminders and the job that fires them. */
    interface Reminders {
        /** The longest reminder text accepted, in characters. */
        @WithDefault("500")
        int maxTextChars();

        /** How often due reminders are looked for. */
        @WithDefault("5s")
        String pollEvery();

        /** Reminders fired per transaction. */
        @WithDefault("100")
        int batch();
    }
}
