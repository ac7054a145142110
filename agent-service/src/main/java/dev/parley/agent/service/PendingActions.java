package dev.parley.agent.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.config.AgentConfig;
import dev.parley.contracts.crypto.HmacSha256;
import dev.parley.contracts.ids.UuidV7;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Actions the agent proposes (a mutating tool call) and the user confirms in a later turn. Nothing is stored: the
 * action id the client gets is the action itself, signed (HMAC-SHA256 under {@code parley.agent.actions.key}) and
 * bound to the conversation and the user, with an expiry, so a client can confirm only what was proposed to it, in
 * that conversation, for a while. That an action runs at most once is the turn's job (it records each executed id
 * in the conversation).
 *
 * <p>Format: {@code base64url(payload JSON) "." base64url(HMAC)}; the payload holds the tool, its arguments (as the
 * model gave them, scrubbed), the conversation, the subject hash, a nonce and the expiry.
 */
@ApplicationScoped
public class PendingActions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final java.time.Duration ttl;
    private final Clock clock;

    @Inject
    public PendingActions(AgentConfig config, AgentKeys keys) {
        this(keys.actionKey(), config.actions().ttl(), Clock.systemUTC());
    }

    PendingActions(byte[] key, java.time.Duration ttl, Clock clock) {
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A proposed action as the client sees it. */
    public record Proposed(String actionId, String tool, String summary, Instant expiresAt) {}

    /** A verified action, ready to run. */
    public record Action(UUID nonce, String tool, JsonNode arguments, UUID conversationId, String subjectHash,
            Instant expiresAt) {}

    private record Payload(UUID n, String t, JsonNode a, UUID c, String s, long e) {}

    public Proposed propose(String tool, JsonNode arguments, UUID conversationId, String subjectHash, String summary) {
        Instant expires = clock.instant().plus(ttl);
        Payload payload = new Payload(UuidV7.next(), tool, arguments, conversationId, subjectHash, expires.getEpochSecond());
        try {
            String body = b64(JSON.writeValueAsBytes(payload));
            return new Proposed(body + "." + b64(HmacSha256.of(key, body.getBytes(StandardCharsets.US_ASCII))), tool,
                    summary, expires);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an action did not serialize", e);
        }
    }

    /**
     * The action behind an id, if it is one this service signed, for this conversation and user, and not expired;
     * empty otherwise (the caller answers the same way whatever the reason).
     */
    public Optional<Action> verify(String actionId, UUID conversationId, String subjectHash) {
        if (actionId == null || actionId.length() > 4096) {
            return Optional.empty();
        }
        int dot = actionId.indexOf('.');
        if (dot <= 0 || dot != actionId.lastIndexOf('.')) {
            return Optional.empty();
        }
        String body = actionId.substring(0, dot);
        try {
            byte[] expected = HmacSha256.of(key, body.getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(actionId.substring(dot + 1)))) {
                return Optional.empty();
            }
            Payload payload = JSON.readValue(Base64.getUrlDecoder().decode(body), Payload.class);
            Instant expires = Instant.ofEpochSecond(payload.e());
            if (!payload.c().equals(conversationId) || !payload.s().equals(subjectHash) || !clock.instant().isBefore(expires)) {
                return Optional.empty();
            }
            return Optional.of(new Action(payload.n(), payload.t(), payload.a(), payload.c(), payload.s(), expires));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
