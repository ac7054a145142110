package dev.parley.gateway.ratelimit;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh callers for each test, so tests run in any order, and their Redis keys removed afterwards. */
final class TestCallers {

    private final RedisDataSource redis;
    private final List<String> keys = new ArrayList<>();

    TestCallers(RedisDataSource redis) {
        this.redis = redis;
    }

    /** A caller no test has used before. */
    String fresh() {
        byte[] subject = new byte[8];
        ThreadLocalRandom.current().nextBytes(subject);
        String key = RateLimitKeys.of("test", HexFormat.of().formatHex(subject));
        keys.add(key);
        return key;
    }

    /**
     * Moves a limit's stored arrival time back by {@code elapsed}: exactly what {@code elapsed} of waiting does to a
     * GCRA bucket, without waiting.
     */
    void pretendElapsed(String key, String group, String limit, Duration elapsed) {
        String redisKey = RateLimitScript.redisKey(key, group, limit);
        long tat = Long.parseLong(redis.value(String.class).get(redisKey));
        redis.value(String.class).set(redisKey, Long.toString(tat - elapsed.toNanos() / 1000), new SetArgs().keepttl());
    }

    /** Remaining lifetime of a limit's key, or -2 when it does not exist. */
    long ttlSeconds(String key, String group, String limit) {
        return redis.execute("TTL", RateLimitScript.redisKey(key, group, limit)).toLong();
    }

    void deleteAll() {
        for (String key : keys) {
            List<String> stored = redis.key().keys("parley:rl:{" + key + "}:*");
            if (!stored.isEmpty()) {
                redis.key().del(stored.toArray(String[]::new));
            }
        }
        keys.clear();
    }
}
