package dev.parley.conversation.repository;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.conversation.config.ConversationConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Normalized, redacted page contexts in Redis under
 * {@code parley:conv:pagectx:{tenantHash}:{mode}:{resourceType}:{resourceId}:{contextHash}}, with a TTL: the same
 * page seen again skips redaction and summarizing.
 */
@ApplicationScoped
public class PageContextCache {

    private static final String PREFIX = "parley:conv:pagectx:";

    /** What is cached: the redacted facts and the summary. */
    public record Entry(JsonNode facts, String summary) {}

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, Entry> values;
    private final ConversationConfig config;

    public PageContextCache(ReactiveRedisDataSource redis, ConversationConfig config) {
        this.redis = redis;
        this.values = redis.value(Entry.class);
        this.config = config;
    }

    public Uni<Optional<Entry>> get(String tenantHash, String mode, String resourceType, String resourceId, String hash) {
        return values.get(key(tenantHash, mode, resourceType, resourceId, hash)).map(Optional::ofNullable);
    }

    public Uni<Void> put(String tenantHash, String mode, String resourceType, String resourceId, String hash, Entry entry) {
        return values.set(key(tenantHash, mode, resourceType, resourceId, hash), entry,
                new SetArgs().px(config.pageContext().cacheTtl()));
    }

    /** Drops the tenant's cached contexts of one resource, in every mode and version; the number dropped. */
    public Uni<Integer> invalidate(String tenantHash, String resourceType, String resourceId) {
        String pattern = PREFIX + tenantHash + ":*:" + resourceType + ":" + resourceId + ":*";
        return redis.key().scan(new KeyScanArgs().match(pattern).count(500)).toMulti()
                .group().intoLists().of(200)
                .onItem().transformToUniAndConcatenate(keys -> redis.key().del(keys.toArray(String[]::new)))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue));
    }

    private static String key(String tenantHash, String mode, String resourceType, String resourceId, String hash) {
        return PREFIX + tenantHash + ":" + mode + ":" + resourceType + ":" + resourceId + ":" + hash;
    }
}
