package dev.parley.agent.service;

import dev.parley.agent.config.AgentConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The agent's secrets, decoded once: the key that signs proposed actions. */
@ApplicationScoped
public class AgentKeys {

    private final byte[] actionKey;

    public AgentKeys(AgentConfig config) {
        String encoded = config.actions().key().orElseThrow(
                () -> new IllegalStateException("parley.agent.actions.key is not configured"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            key = encoded.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 32) {
            throw new IllegalStateException("parley.agent.actions.key must be at least 32 bytes");
        }
        this.actionKey = key;
    }

    byte[] actionKey() {
        return actionKey.clone();
    }
}
