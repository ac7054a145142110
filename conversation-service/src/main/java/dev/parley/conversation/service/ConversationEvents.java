package dev.parley.conversation.service;

import dev.parley.contracts.events.CloudEventEnvelope;
import dev.parley.contracts.events.ConversationEvent;
import dev.parley.contracts.events.Topics;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.conversation.config.ConversationConfig;
import dev.parley.platform.audit.AuditOutbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Lifecycle and reminder events for {@code parley.conversations.v1}, written through the outbox with the change. */
@ApplicationScoped
public class ConversationEvents {

    private final AuditOutbox outbox;
    private final String topic;

    public ConversationEvents(AuditOutbox outbox, ConversationConfig config) {
        this.outbox = outbox;
        this.topic = config.events().topic();
    }

    /** Adds the event {@code name} (such as {@code created}) to the transaction of {@code tx}. */
    public Uni<Void> add(SqlConnection tx, String name, String tenantHash, String owner, UUID conversationId,
            String workspaceId, UUID reminderId, Instant dueAt, String requestId) {
        UUID id = UuidV7.next();
        Instant now = Instant.now();
        ConversationEvent data = new ConversationEvent(id, now, tenantHash, owner, conversationId, workspaceId,
                reminderId, dueAt);
        return outbox.addEvent(tx, topic, "conversation." + name,
                CloudEventEnvelope.wrap(id, Topics.CONVERSATIONS, name, "conversation", now, tenantHash, requestId, data));
    }
}
