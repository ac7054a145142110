package dev.parley.conversation.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/** The page context stored with a conversation (redacted facts, hash, summary). Callers check ownership first. */
@ApplicationScoped
public class PageContextRepository {

    /** A conversation's stored page context. */
    public record StoredPageContext(String resourceType, String resourceId, String contextHash, String summary,
            JsonNode facts, String contextVersion, Instant updatedAt) {}

    public Uni<Optional<StoredPageContext>> find(SqlClient client, UUID conversationId) {
        return client.preparedQuery("""
                        SELECT resource_type, resource_id, context_hash, summary, facts::text AS facts, context_version,
                               updated_at FROM page_context WHERE conversation_id = $1""")
                .execute(Tuple.of(conversationId))
                .map(rows -> ConversationRepository.first(rows).map(row -> new StoredPageContext(
                        row.getString("resource_type"), row.getString("resource_id"), row.getString("context_hash"),
                        row.getString("summary"), ConversationRepository.json(row.getString("facts")),
                        row.getString("context_version"), ConversationRepository.instant(row, "updated_at"))));
    }

    public Uni<Void> save(SqlClient tx, UUID conversationId, StoredPageContext context) {
        return tx.preparedQuery("""
                        INSERT INTO page_context (conversation_id, resource_type, resource_id, context_hash, summary, facts,
                                                  context_version, updated_at)
                        VALUES ($1, $2, $3, $4, $5, CAST($6 AS text)::jsonb, $7, $8)
                        ON CONFLICT (conversation_id) DO UPDATE SET resource_type = EXCLUDED.resource_type,
                            resource_id = EXCLUDED.resource_id, context_hash = EXCLUDED.context_hash,
                            summary = EXCLUDED.summary, facts = EXCLUDED.facts,
                            context_version = EXCLUDED.context_version, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(Arrays.asList(conversationId, context.resourceType(), context.resourceId(),
                        context.contextHash(), context.summary(), ConversationRepository.json(context.facts()),
                        context.contextVersion(), ConversationRepository.time(context.updatedAt()))))
                .replaceWithVoid();
    }
}
