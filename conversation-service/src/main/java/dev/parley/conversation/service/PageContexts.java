package dev.parley.conversation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.crypto.HmacSha256;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.conversation.client.Redactor;
import dev.parley.conversation.config.ConversationConfig;
import dev.parley.conversation.domain.ContextSummary;
import dev.parley.conversation.domain.Conversation;
import dev.parley.conversation.domain.PageContext;
import dev.parley.conversation.domain.PageContextNormalizer;
import dev.parley.conversation.repository.PageContextCache;
import dev.parley.conversation.repository.PageContextRepository;
import dev.parley.conversation.repository.PageContextRepository.StoredPageContext;
import dev.parley.platform.audit.AuditOutbox;
import dev.parley.platform.config.PlatformConfig;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Page-scoped context: normalized, hashed, redacted through compliance-service (fail closed), summarized under the
 * token budget, cached in Redis by hash, stored with the conversation when it changed. Metrics:
 * {@code page_context_cache_total{result="hit"|"miss"}}.
 */
@ApplicationScoped
public class PageContexts {

    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final PageContextNormalizer normalizer;
    private final PageContextCache cache;
    private final PageContextRepository repository;
    private final Redactor redactor;
    private final AuditOutbox outbox;
    private final ConversationConfig config;
    private final byte[] hashKey;
    private final Counter hits;
    private final Counter misses;

    public PageContexts(PageContextCache cache, PageContextRepository repository, Redactor redactor, AuditOutbox outbox,
            ConversationConfig config, PlatformConfig platform, MeterRegistry registry) {
        ConversationConfig.PageContext limits = config.pageContext();
        this.normalizer = new PageContextNormalizer(limits.maxFacts(), limits.maxKeyChars(), limits.maxValueChars(),
                limits.numberScale());
        this.cache = cache;
        this.repository = repository;
        this.redactor = redactor;
        this.outbox = outbox;
        this.config = config;
        this.hashKey = HmacSha256.of(platform.tenant().hashKey()
                        .orElseThrow(() -> new IllegalStateException("parley.tenant.hash-key is not configured"))
                        .getBytes(StandardCharsets.UTF_8),
                "page-context".getBytes(StandardCharsets.UTF_8));
        this.hits = Counter.builder("page.context.cache").tag("result", "hit")
                .description("Page contexts found in the Redis cache").register(registry);
        this.misses = Counter.builder("page.context.cache").tag("result", "miss")
                .description("Page contexts redacted and summarized anew").register(registry);
    }

    /** A page context ready to store: hash, summary and redacted facts. */
    public record Prepared(PageContext context, String hash, String summary, JsonNode facts) {}

    /** The normalized form of a request's page context; 400 problem listing every bad field. */
    public PageContext normalize(JsonNode pageContext, String field, boolean pageMode) {
        try {
            return normalizer.normalize(pageContext, field, pageMode);
        } catch (PageContextNormalizer.InvalidPageContextException e) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    e.errors().size() == 1 ? "1 field is invalid." : e.errors().size() + " fields are invalid.", e.errors());
        }
    }

    /** From the cache when this exact context was seen within the TTL (unless {@code force}), else redacted anew. */
    public Uni<Prepared> prepare(Caller caller, Conversation.Mode mode, PageContext context, boolean force) {
        String hash = hash(caller.tenantHash(), context);
        Uni<java.util.Optional<PageContextCache.Entry>> cached = force ? Uni.createFrom().item(java.util.Optional.empty())
                : cache.get(caller.tenantHash(), mode.wire(), context.resourceType(), context.resourceId(), hash);
        return cached.flatMap(entry -> {
            if (entry.isPresent()) {
                hits.increment();
                return Uni.createFrom().item(new Prepared(context, hash, entry.get().summary(), entry.get().facts()));
            }
            misses.increment();
            return redactor.redactFacts(context.facts()).flatMap(facts -> {
                PageContext redacted = context.withFacts(facts);
                String summary = ContextSummary.of(redacted, config.pageContext().summaryMaxTokens());
                JsonNode json = CANONICAL.valueToTree(new TreeMap<>(facts));
                return cache.put(caller.tenantHash(), mode.wire(), context.resourceType(), context.resourceId(), hash,
                                new PageContextCache.Entry(json, summary))
                        .replaceWith(new Prepared(context, hash, summary, json));
            });
        });
    }

    /**
     * Stores {@code prepared} with the conversation when its hash differs from the stored one (or {@code force}),
     * auditing the change; whether it changed.
     */
    public Uni<Boolean> store(SqlConnection tx, Caller caller, UUID conversationId, Prepared prepared, boolean force) {
        return repository.find(tx, conversationId).flatMap(stored -> {
            boolean changed = stored.map(s -> !s.contextHash().equals(prepared.hash())).orElse(true);
            if (!changed && !force) {
                return Uni.createFrom().item(false);
            }
            PageContext context = prepared.context();
            return repository.save(tx, conversationId, new StoredPageContext(context.resourceType(), context.resourceId(),
                            prepared.hash(), prepared.summary(), prepared.facts(), context.contextVersion(), Instant.now()))
                    .call(() -> outbox.add(tx, caller, "conversation.page_context.changed", "conversation",
                            conversationId.toString(), AuditEvent.Outcome.SUCCESS, AuditDetails.builder()
                                    .count("facts", context.facts().size()).count("droppedFacts", context.droppedFacts())
                                    .count("summaryTokens", ContextSummary.tokens(prepared.summary()))
                                    .flag("forced", force).build()))
                    .replaceWith(changed);
        });
    }

    /** Drops the caller's tenant's cached contexts of a resource; the number dropped. */
    public Uni<Integer> invalidate(Caller caller, String resourceType, String resourceId) {
        return cache.invalidate(caller.tenantHash(), resourceType, resourceId);
    }

    /**
     * The context hash: HMAC-SHA256 of the canonical JSON under a key per tenant, so a stored hash cannot confirm a
     * guessed value and equal pages of two tenants do not share one.
     */
    String hash(String tenantHash, PageContext context) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(context);
            return HexFormat.of().formatHex(HmacSha256.of(HmacSha256.of(hashKey, tenantHash.getBytes(StandardCharsets.UTF_8)), canonical));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("page context did not serialize", e);
        }
    }
}
