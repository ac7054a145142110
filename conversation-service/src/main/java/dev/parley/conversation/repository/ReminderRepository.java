package dev.parley.conversation.repository;

import dev.parley.conversation.domain.Reminder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reminders in PostgreSQL, always read and changed by tenant and owner, except by the job that fires them. */
@ApplicationScoped
public class ReminderRepository {

    private static final String COLUMNS = "id, conversation_id, due_at, text, status, created_at";

    /** A due reminder, with whose it is. */
    public record Due(Reminder reminder, String tenantHash, String owner) {}

    public Uni<Void> insert(SqlClient tx, String tenantHash, String owner, Reminder r) {
        return tx.preparedQuery("INSERT INTO reminder (id, tenant_hash, owner, conversation_id, due_at, text, status, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple(Arrays.asList(r.id(), tenantHash, owner, r.conversationId(),
                        ConversationRepository.time(r.dueAt()), r.text(), r.status(),
                        ConversationRepository.time(r.createdAt()))))
                .replaceWithVoid();
    }

    /** The owner's reminders, soonest first; {@code status} null for all. */
    public Uni<List<Reminder>> list(SqlClient client, String tenantHash, String owner, String status, int limit) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM reminder WHERE tenant_hash = $1 AND owner = $2"
                        + " AND ($3::text IS NULL OR status = $3) ORDER BY due_at, id LIMIT $4")
                .execute(Tuple.of(tenantHash, owner, status, limit))
                .map(rows -> ConversationRepository.map(rows, ReminderRepository::reminder));
    }

    /** Cancels the owner's pending reminder; false when there is none. */
    public Uni<Boolean> cancel(SqlClient tx, String tenantHash, String owner, UUID id) {
        return tx.preparedQuery("UPDATE reminder SET status = 'cancelled' WHERE id = $1 AND tenant_hash = $2 AND owner = $3"
                        + " AND status = 'pending'")
                .execute(Tuple.of(id, tenantHash, owner))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks up to {@code limit} due reminders fired and returns them; parallel runs skip each other's rows. */
    public Uni<List<Due>> fireDue(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        UPDATE reminder SET status = 'fired' WHERE id IN (
                            SELECT id FROM reminder WHERE status = 'pending' AND due_at <= $1
                             ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                        RETURNING tenant_hash, owner, """ + COLUMNS)
                .execute(Tuple.of(ConversationRepository.time(now), limit))
                .map(rows -> ConversationRepository.map(rows, row -> new Due(reminder(row), row.getString("tenant_hash"),
                        row.getString("owner"))));
    }

    private static Reminder reminder(Row row) {
        return new Reminder(row.getUUID("id"), row.getUUID("conversation_id"), ConversationRepository.instant(row, "due_at"),
                row.getString("text"), row.getString("status"), ConversationRepository.instant(row, "created_at"));
    }
}
