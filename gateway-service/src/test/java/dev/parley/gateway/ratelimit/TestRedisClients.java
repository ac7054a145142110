package dev.parley.gateway.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.ArrayList;
import java.util.List;

/** Redis clients of their own (own connections), for limiters built next to the application's. Close after use. */
final class TestRedisClients implements AutoCloseable {

    private final Vertx vertx;
    private final List<Redis> clients = new ArrayList<>();

    TestRedisClients(Vertx vertx) {
        this.vertx = vertx;
    }

    ReactiveRedisDataSource connect(String url, int poolSize) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setMaxPoolSize(poolSize).setMaxPoolWaiting(1024));
        clients.add(client);
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @Override
    public void close() {
        clients.forEach(Redis::close);
    }
}
