package dev.parley.conversation.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.conversation.config.ConversationConfig;
import dev.parley.conversation.repository.ConversationRepository;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.audit.AuditPublisher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Purges deleted and expired conversations with their messages, page contexts and reminders, one batch per
 * transaction; each purge commits with its audit event and its {@code purged} lifecycle event.
 */
@ApplicationScoped
public class ConversationPurge {

    private final Pool pool;
    private final ConversationRepository repository;
    private final AuditOutbox outbox;
    private final AuditPublisher publisher;
    private final ConversationEvents events;
    private final ConversationConfig config;

    public ConversationPurge(Pool pool, ConversationRepository repository, AuditOutbox outbox, AuditPublisher publisher,
            ConversationEvents events, ConversationConfig config) {
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.publisher = publisher;
        this.events = events;
        this.config = config;
    }

    @Scheduled(every = "${parley.conversation.expiry.purge-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return purge().replaceWithVoid();
    }

    /** Purges until nothing is due; the number of conversations purged. */
    public Uni<Integer> purge() {
        return purgeBatch().flatMap(purged -> purged < config.expiry().purgeBatch()
                ? Uni.createFrom().item(purged)
                : purge().map(more -> purged + more));
    }

    private Uni<Integer> purgeBatch() {
        return pool.withTransaction(tx -> repository.purgeable(tx, Conversations.now(), config.expiry().purgeBatch())
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(c -> outbox.add(tx, publisher.systemEvent(c.tenantHash(),
                                        "conversation.purged", "conversation", c.id().toString(), AuditEvent.Outcome.SUCCESS,
                                        AuditDetails.builder().flag("deleted", c.deleted()).build()))
                                .call(() -> events.add(tx, "purged", c.tenantHash(), c.owner(), c.id(), null, null, null, null)))
                        .collect().last()
                        .chain(() -> repository.purge(tx, due.stream().map(ConversationRepository.Purgeable::id).toList()))
                        .replaceWith(due.size())));
    }
}
