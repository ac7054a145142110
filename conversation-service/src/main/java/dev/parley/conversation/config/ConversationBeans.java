package dev.parley.conversation.config;

import dev.parley.conversation.domain.ConversationTokens;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The token codec, from the configured key ring. */
public class ConversationBeans {

    @Produces
    @Singleton
    ConversationTokens conversationTokens(ConversationConfig config) {
        Map<String, byte[]> keys = new HashMap<>();
        config.tokens().keys().forEach((kid, key) -> {
            try {
                keys.put(kid, Base64.getDecoder().decode(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("parley.conversation.tokens.keys." + kid + " is not base64", e);
            }
        });
        return new ConversationTokens(keys, config.tokens().activeKid(), config.tokens().lifetime());
    }
}
