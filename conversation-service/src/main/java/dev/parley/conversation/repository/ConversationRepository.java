package dev.parley.conversation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.Message;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations and their messages in PostgreSQL. Every read and write of a conversation names its tenant and owner,
 * so no query can reach another tenant's or user's rows; "active" means neither deleted nor expired.
 */
@ApplicationScoped
public class ConversationRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, tenant_hash, owner, workspace_id, mode, page_key, resource_type, resource_id, title, case_id, last_seq,
            created_at, updated_at, expires_at""";
    private static final String ACTIVE = "deleted_at IS NULL AND expires_at > $%d";

    /** A message to append: what a turn carries. */
    public record NewMessage(String role, String content, JsonNode sources, String model, String promptVersion,
            String confidence, JsonNode usage) {}

    public Uni<Void> insert(SqlClient tx, Conversation c) {
        return tx.preparedQuery("INSERT INTO conversation (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.tuple(Arrays.asList(c.id(), c.tenantHash(), c.owner(), c.workspaceId(), c.mode().wire(),
                        c.pageKey(), c.resourceType(), c.resourceId(), c.title(), c.caseId(), c.lastSeq(),
                        time(c.createdAt()), time(c.updatedAt()), time(c.expiresAt()))))
                .replaceWithVoid();
    }

    /** The caller's active conversation {@code id}. */
    public Uni<Optional<Conversation>> find(SqlClient client, String tenantHash, String owner, UUID id, Instant now) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM conversation WHERE id = $1 AND tenant_hash = $2 AND owner = $3 AND "
                        + ACTIVE.formatted(4))
                .execute(Tuple.of(id, tenantHash, owner, time(now)))
                .map(rows -> first(rows).map(ConversationRepository::conversation));
    }

    /**
     * Serializes page-mode creation for one owner's page until the transaction ends, so that two first visits at once
     * still make one conversation.
     */
    public Uni<Void> lockPage(SqlClient tx, String tenantHash, String owner, String workspaceId, String pageKey) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(tenantHash + "|" + owner + "|" + workspaceId + "|" + pageKey))
                .replaceWithVoid();
    }

    /** The newest active page conversation of the owner's page, locked for this transaction. */
    public Uni<Optional<Conversation>> findPage(SqlClient tx, String tenantHash, String owner, String workspaceId,
            String pageKey, Instant now) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM conversation WHERE tenant_hash = $1 AND owner = $2"
                        + " AND workspace_id = $3 AND page_key = $4 AND mode = 'page' AND " + ACTIVE.formatted(5)
                        + " ORDER BY updated_at DESC LIMIT 1 FOR UPDATE")
                .execute(Tuple.of(tenantHash, owner, workspaceId, pageKey, time(now)))
                .map(rows -> first(rows).map(ConversationRepository::conversation));
    }

    /** One page of the owner's active conversations in a workspace, newest first, after the keyset cursor if any. */
    public Uni<List<Conversation>> list(SqlClient client, String tenantHash, String owner, String workspaceId,
            Instant beforeUpdatedAt, UUID beforeId, int limit, Instant now) {
        String after = beforeUpdatedAt == null ? "" : " AND (updated_at, id) < ($6, $7)";
        List<Object> args = new ArrayList<>(Arrays.asList(tenantHash, owner, workspaceId, time(now), limit));
        if (beforeUpdatedAt != null) {
            args.add(time(beforeUpdatedAt));
            args.add(beforeId);
        }
        return client.preparedQuery("SELECT " + COLUMNS + " FROM conversation WHERE tenant_hash = $1 AND owner = $2 AND workspace_id = $3 AND "
                        + ACTIVE.formatted(4) + after + " ORDER BY updated_at DESC, id DESC LIMIT $5")
                .execute(Tuple.tuple(args))
                .map(rows -> map(rows, ConversationRepository::conversation));
    }

    /**
     * Records activity on the caller's active conversation: reserves {@code added} sequence numbers and moves the
     * expiry. Empty when the conversation is not the caller's or not active.
     *
     * @return the conversation after the change (its {@code lastSeq} includes the reserved numbers)
     */
    public Uni<Optional<Conversation>> touch(SqlClient tx, String tenantHash, String owner, UUID id, int added,
            Instant now, Instant expiresAt) {
        return tx.preparedQuery("""
                        UPDATE conversation SET last_seq = last_seq + $4, updated_at = $5, expires_at = $6
                         WHERE id = $1 AND tenant_hash = $2 AND owner = $3 AND deleted_at IS NULL AND expires_at > $5
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.tuple(Arrays.asList(id, tenantHash, owner, added, time(now), time(expiresAt))))
                .map(rows -> first(rows).map(ConversationRepository::conversation));
    }

    /** Names the owner's conversation that has no title yet; a title already set stays. */
    public Uni<Void> nameIfUntitled(SqlClient client, String tenantHash, String owner, UUID id, String title) {
        return client.preparedQuery("UPDATE conversation SET title = $4 WHERE id = $1 AND tenant_hash = $2 AND owner = $3"
                        + " AND title IS NULL")
                .execute(Tuple.of(id, tenantHash, owner, title))
                .replaceWithVoid();
    }

    /** Appends {@code messages} with the sequence numbers from {@code firstSeq} on. */
    public Uni<Void> append(SqlClient tx, UUID conversationId, long firstSeq, List<NewMessage> messages, Instant now) {
        List<Tuple> rows = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            NewMessage m = messages.get(i);
            rows.add(Tuple.tuple(Arrays.asList(dev.parley.contracts.ids.UuidV7.next(), conversationId, firstSeq + i,
                    m.role(), m.content(), json(m.sources()), m.model(), m.promptVersion(), m.confidence(),
                    json(m.usage()), time(now))));
        }
        return tx.preparedQuery("""
                        INSERT INTO message (id, conversation_id, seq, role, content, sources, model, prompt_version,
                                             confidence, usage, created_at)
                        VALUES ($1, $2, $3, $4, $5, CAST($6 AS text)::jsonb, $7, $8, $9, CAST($10 AS text)::jsonb, $11)""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Up to {@code limit} messages before {@code beforeSeq} (all when null), the newest ones, in chat order. */
    public Uni<List<Message>> messages(SqlClient client, UUID conversationId, Long beforeSeq, int limit) {
        return client.preparedQuery("""
                        SELECT id, seq, role, content, sources::text AS sources, model, prompt_version, confidence,
                               usage::text AS usage, created_at
                          FROM message WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3""")
                .execute(Tuple.of(conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit))
                .map(rows -> {
                    List<Message> newestFirst = map(rows, ConversationRepository::message);
                    Collections.reverse(newestFirst);
                    return newestFirst;
                });
    }

    /** Marks the caller's active conversation deleted; false when there is none. */
    public Uni<Boolean> softDelete(SqlClient tx, String tenantHash, String owner, UUID id, Instant now) {
        return tx.preparedQuery("UPDATE conversation SET deleted_at = $4 WHERE id = $1 AND tenant_hash = $2 AND owner = $3 AND "
                        + ACTIVE.formatted(4))
                .execute(Tuple.of(id, tenantHash, owner, time(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A conversation due for purging: its id and whose it was. */
    public record Purgeable(UUID id, String tenantHash, String owner, boolean deleted) {}

    /** Up to {@code limit} deleted or expired conversations, locked so that parallel purges skip them. */
    public Uni<List<Purgeable>> purgeable(SqlClient tx, Instant now, int limit) {
        return tx.preparedQuery("""
                        SELECT id, tenant_hash, owner, deleted_at IS NOT NULL AS deleted FROM conversation
                         WHERE deleted_at IS NOT NULL OR expires_at <= $1
                         ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(time(now), limit))
                .map(rows -> map(rows, row -> new Purgeable(row.getUUID("id"), row.getString("tenant_hash"),
                        row.getString("owner"), row.getBoolean("deleted"))));
    }

    /** Deletes conversations with their messages, page contexts and reminders (cascade); the number of messages gone. */
    public Uni<Long> purge(SqlClient tx, List<UUID> ids) {
        return tx.preparedQuery("""
                        WITH gone AS (DELETE FROM conversation WHERE id = ANY($1) RETURNING last_seq)
                        SELECT COALESCE(sum(last_seq), 0)::bigint AS messages FROM gone""")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .map(rows -> rows.iterator().next().getLong("messages"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }

    static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(mapper.apply(row)));
        return out;
    }

    static String json(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON did not parse", e);
        }
    }

    private static Conversation conversation(Row row) {
        return new Conversation(row.getUUID("id"), row.getString("tenant_hash"), row.getString("owner"),
                row.getString("workspace_id"), Conversation.Mode.of(row.getString("mode")), row.getString("page_key"),
                row.getString("resource_type"), row.getString("resource_id"), row.getString("title"),
                row.getString("case_id"), row.getLong("last_seq"), instant(row, "created_at"),
                instant(row, "updated_at"), instant(row, "expires_at"));
    }

    private static Message message(Row row) {
        return new Message(row.getUUID("id"), row.getLong("seq"), row.getString("role"), row.getString("content"),
                json(row.getString("sources")), row.getString("model"), row.getString("prompt_version"),
                row.getString("confidence"), json(row.getString("usage")), instant(row, "created_at"));
    }
}
