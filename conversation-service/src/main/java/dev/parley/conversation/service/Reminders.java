package dev.parley.conversation.service;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.ids.UuidV7;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.conversation.client.Redactor;
import dev.parley.conversation.config.ConversationConfig;
import dev.parley.conversation.domain.Reminder;
import dev.parley.conversation.repository.ConversationRepository;
import dev.parley.conversation.repository.ReminderRepository;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller's reminders, their text redacted through compliance-service before it is stored (fail closed), and the
 * job that fires due ones: marked fired, audited and published to {@code parley.conversations.v1} in one transaction.
 */
@ApplicationScoped
public class Reminders {

    private static final String NOT_FOUND = "No pending reminder of yours has this id.";

    private final Pool pool;
    private final ReminderRepository repository;
    private final ConversationRepository conversations;
    private final Redactor redactor;
    private final AuditOutbox outbox;
    private final AuditPublisher publisher;
    private final ConversationEvents events;
    private final ConversationConfig config;

    public Reminders(Pool pool, ReminderRepository repository, ConversationRepository conversations, Redactor redactor,
            AuditOutbox outbox, AuditPublisher publisher, ConversationEvents events, ConversationConfig config) {
        this.pool = pool;
        this.repository = repository;
        this.conversations = conversations;
        this.redactor = redactor;
        this.outbox = outbox;
        this.publisher = publisher;
        this.events = events;
        this.config = config;
    }

    /** A reminder for the caller, optionally about one of their active conversations (else 404). */
    public Uni<Reminder> create(Caller caller, UUID conversationId, Instant dueAt, String text) {
        if (text.isBlank() || text.length() > config.reminders().maxTextChars() || text.indexOf('\u0000') >= 0) {
            throw Conversations.invalid("text", "must be 1 to " + config.reminders().maxTextChars()
                    + " characters, without NUL");
        }
        if (dueAt.isAfter(Conversations.now().plus(java.time.Duration.ofDays(366)))) {
            throw Conversations.invalid("dueAt", "must be within a year");
        }
        Uni<Optional<Boolean>> owned = conversationId == null ? Uni.createFrom().item(Optional.of(true))
                : conversations.find(pool, caller.tenantHash(), caller.subjectHash(), conversationId, Conversations.now())
                        .map(found -> found.map(c -> true));
        return owned.flatMap(found -> found.isEmpty()
                        ? Uni.createFrom().failure(Conversations.notFound())
                        : redactor.redact(text.strip()))
                .flatMap(redacted -> {
                    Reminder reminder = new Reminder(UuidV7.next(), conversationId, dueAt, redacted, "pending",
                            Conversations.now());
                    return pool.withTransaction(tx -> repository.insert(tx, caller.tenantHash(), caller.subjectHash(), reminder)
                            .call(() -> outbox.add(tx, caller, "reminder.created", "reminder", reminder.id().toString(),
                                    AuditEvent.Outcome.SUCCESS, AuditDetails.builder()
                                            .flag("conversation", conversationId != null).build()))
                            .replaceWith(reminder));
                });
    }

    public Uni<List<Reminder>> list(Caller caller, String status, Integer limit) {
        if (status != null && !List.of("pending", "fired", "cancelled").contains(status)) {
            throw Conversations.invalid("status", "must be pending, fired or cancelled");
        }
        int max = config.messages().maxLimit();
        if (limit != null && (limit < 1 || limit > max)) {
            throw Conversations.invalid("limit", "must be between 1 and " + max);
        }
        return repository.list(pool, caller.tenantHash(), caller.subjectHash(), status, limit == null ? 50 : limit);
    }

    public Uni<Void> cancel(Caller caller, UUID id) {
        return pool.withTransaction(tx -> repository.cancel(tx, caller.tenantHash(), caller.subjectHash(), id)
                .flatMap(cancelled -> cancelled
                        ? outbox.add(tx, caller, "reminder.cancelled", "reminder", id.toString(), AuditEvent.Outcome.SUCCESS,
                                AuditDetails.builder().build())
                        : Uni.createFrom().failure(new ProblemException(ProblemKind.NOT_FOUND, NOT_FOUND))));
    }

    @Scheduled(every = "${parley.conversation.reminders.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return fireDue().replaceWithVoid();
    }

    /** Fires due reminders, one batch per transaction, until none is due; the number fired. */
    public Uni<Integer> fireDue() {
        return fireBatch().flatMap(fired -> fired < config.reminders().batch()
                ? Uni.createFrom().item(fired)
                : fireDue().map(more -> fired + more));
    }

    private Uni<Integer> fireBatch() {
        return pool.withTransaction(tx -> repository.fireDue(tx, Conversations.now(), config.reminders().batch())
                .call(due -> io.smallrye.mutiny.Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(d -> outbox.add(tx, publisher.systemEvent(d.tenantHash(),
                                        "reminder.fired", "reminder", d.reminder().id().toString(), AuditEvent.Outcome.SUCCESS,
                                        AuditDetails.builder().build()))
                                .call(() -> events.add(tx, "reminder.due", d.tenantHash(), d.owner(),
                                        d.reminder().conversationId(), null, d.reminder().id(), d.reminder().dueAt(), null)))
                        .collect().last())
                .map(List::size));
    }
}
