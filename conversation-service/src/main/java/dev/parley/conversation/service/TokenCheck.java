package dev.parley.conversation.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.conversation.domain.ConversationTokens;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Checks a conversation token against its caller. Every refusal answers the same 404 (whether the token was forged,
 * expired, or another user's does not leak) and is recorded in the audit trail as a denied decision with its reason.
 */
@ApplicationScoped
public class TokenCheck {

    static final String NOT_FOUND = "No conversation of yours matches this token.";

    /** Why a token was refused beyond its own validity. */
    enum Mismatch { OTHER_TENANT, OTHER_SUBJECT, OTHER_CONVERSATION, NO_CONVERSATION }

    private final ConversationTokens tokens;
    private final Pool pool;
    private final AuditOutbox outbox;

    public TokenCheck(ConversationTokens tokens, Pool pool, AuditOutbox outbox) {
        this.tokens = tokens;
        this.pool = pool;
        this.outbox = outbox;
    }

    /** The conversation id of {@code token} when it is valid and the caller's (and, if given, is {@code expected}). */
    public Uni<UUID> conversationOf(Caller caller, String token, UUID expected) {
        ConversationTokens.Claims claims;
        try {
            claims = tokens.verify(token, Instant.now());
        } catch (ConversationTokens.InvalidTokenException e) {
            return refuse(caller, expected, e.reason());
        }
        if (!claims.th().equals(caller.tenantHash())) {
            return refuse(caller, expected, Mismatch.OTHER_TENANT);
        }
        if (!claims.sub().equals(caller.subjectHash())) {
            return refuse(caller, expected, Mismatch.OTHER_SUBJECT);
        }
        if (expected != null && !expected.equals(claims.cid())) {
            return refuse(caller, expected, Mismatch.OTHER_CONVERSATION);
        }
        return Uni.createFrom().item(claims.cid());
    }

    /** A fresh token for the caller's conversation. */
    public String issue(Caller caller, UUID conversationId) {
        return tokens.issue(conversationId, caller.tenantHash(), caller.subjectHash(), Instant.now());
    }

    /** Records the refusal of a token whose conversation is gone (deleted or expired), then fails with the 404. */
    public <T> Uni<T> gone(Caller caller, UUID conversationId) {
        return refuse(caller, conversationId, Mismatch.NO_CONVERSATION);
    }

    private <T> Uni<T> refuse(Caller caller, UUID conversationId, Enum<?> reason) {
        return pool.withTransaction(tx -> outbox.add(tx, caller, "conversation.token.rejected", "conversation",
                        conversationId == null ? null : conversationId.toString(), AuditEvent.Outcome.DENIED,
                        AuditDetails.builder().kind("reason", reason).build()))
                .chain(() -> Uni.createFrom().<T>failure(new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND)));
    }
}
