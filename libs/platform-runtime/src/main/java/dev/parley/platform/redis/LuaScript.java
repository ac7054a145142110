package dev.parley.platform.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically in Redis, named by its SHA-1: a call is one {@code EVALSHA}. Only when Redis has lost
 * its script cache (restart, failover, {@code SCRIPT FLUSH}) does it answer {@code NOSCRIPT}; {@code EVAL} then runs
 * the script and caches it again.
 */
public final class LuaScript {

    private final String source;
    private final String sha1;

    public LuaScript(String source) {
        this.source = source;
        try {
            this.sha1 = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    /** The script in a class-path resource. */
    public static LuaScript resource(String path) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String source() {
        return source;
    }

    /** What {@code EVALSHA} names the script by. */
    public String sha1() {
        return sha1;
    }

    /** Runs the script; {@code args}: the number of keys, the keys, then the script's arguments. */
    public Uni<Response> run(ReactiveRedisDataSource redis, List<String> args) {
        return redis.execute(Command.EVALSHA, prepend(sha1, args))
                .onFailure(LuaScript::isNoScript)
                .recoverWithUni(noScript -> redis.execute(Command.EVAL, prepend(source, args)));
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String[] prepend(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
