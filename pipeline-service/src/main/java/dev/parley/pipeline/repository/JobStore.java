package dev.parley.pipeline.repository;

import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.JobState;
import dev.parley.platform.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The job queue and job state in Redis: the stream {@code parley:pipeline:jobs} (consumer group {@code workers}),
 * one entry per job holding its id; and the hash {@code parley:pipeline:job:{id}} holding its state
 * ({@link JobState}), kept {@code parley.pipeline.jobs.retention} after it was written last.
 *
 * <p>At-least-once: a worker reads an entry with {@code XREADGROUP}, renews its claim while it works (a heartbeat
 * that resets the entry's idle time), and acknowledges and deletes it once the job ended. An entry whose worker
 * stopped renewing for {@code reclaim-after} is taken over by another worker ({@code XAUTOCLAIM}).
 */
@ApplicationScoped
public class JobStore {

    public static final String STREAM = "parley:pipeline:jobs";
    public static final String GROUP = "workers";

    private final ReactiveRedisDataSource reactive;
    private final RedisDataSource redis;
    private final long retentionSeconds;

    public JobStore(ReactiveRedisDataSource reactive, RedisDataSource redis, PipelineConfig config) {
        this.reactive = reactive;
        this.redis = redis;
        this.retentionSeconds = config.jobs().retention().toSeconds();
    }

    /** A job entry a worker holds: the stream entry id and the job id. */
    public record Claimed(String entryId, UUID jobId) {}

    public static String key(UUID jobId) {
        return "parley:pipeline:job:" + jobId;
    }

    /** Stores the new job's state, then queues it. */
    public Uni<Void> submit(JobState job) {
        return write(job).flatMap(stored -> reactive.execute("XADD", STREAM, "*", "job", job.jobId().toString()))
                .replaceWithVoid();
    }

    /** The job's state, or null when there is none (never existed, or expired). */
    public Uni<JobState> find(UUID jobId) {
        return reactive.hash(String.class).hgetall(key(jobId)).map(JobState::of);
    }

    /** Writes the whole state (non-blocking; the progress of a running job). */
    public Uni<Void> write(JobState job) {
        String[] args = hsetArgs(job);
        return reactive.execute("HSET", args)
                .flatMap(set -> reactive.execute("EXPIRE", key(job.jobId()), Long.toString(retentionSeconds)))
                .replaceWithVoid();
    }

    /**
     * KEYS[1] the job hash; ARGV phase, progress, claims processed. Applies only while the job is running, so a
     * progress report that arrives late never undoes the job's end.
     */
    private static final LuaScript PROGRESS = new LuaScript("""
            if redis.call('HGET', KEYS[1], 'status') == 'running' then
              redis.call('HSET', KEYS[1], 'phase', ARGV[1], 'progress', ARGV[2], 'claimsProcessed', ARGV[3])
              return 1
            end
            return 0
            """);

    /** A running job's progress (non-blocking; ignored once the job ended). */
    public Uni<Void> progress(UUID jobId, String phase, int percent, long claims) {
        return PROGRESS.run(reactive, List.of("1", key(jobId), phase, Integer.toString(percent), Long.toString(claims)))
                .replaceWithVoid();
    }

    /** {@link #write} for worker threads. */
    public void save(JobState job) {
        redis.execute("HSET", hsetArgs(job));
        redis.execute("EXPIRE", key(job.jobId()), Long.toString(retentionSeconds));
    }

    /** The job's state, for worker threads. */
    public JobState load(UUID jobId) {
        return JobState.of(redis.hash(String.class).hgetall(key(jobId)));
    }

    /** Creates the stream and its consumer group if they do not exist yet. */
    public void ensureGroup() {
        try {
            redis.execute("XGROUP", "CREATE", STREAM, GROUP, "0", "MKSTREAM");
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** The next new job for {@code consumer}, waiting up to {@code block}; null when there is none. */
    public Claimed next(String consumer, Duration block) {
        Response read = redis.execute("XREADGROUP", "GROUP", GROUP, consumer, "COUNT", "1", "BLOCK",
                Long.toString(block.toMillis()), "STREAMS", STREAM, ">");
        return first(read == null ? null : entries(read));
    }

    /** A job another worker left unrenewed for {@code minIdle}, now claimed by {@code consumer}; null when none. */
    public Claimed reclaim(String consumer, Duration minIdle) {
        Response claimed = redis.execute("XAUTOCLAIM", STREAM, GROUP, consumer, Long.toString(minIdle.toMillis()),
                "0-0", "COUNT", "1");
        return first(claimed == null ? null : claimed.get(1));
    }

    /** Renews {@code consumer}'s claim on an entry (resets its idle time), so no other worker takes the job over. */
    public void heartbeat(String consumer, String entryId) {
        redis.execute("XCLAIM", STREAM, GROUP, consumer, "0", entryId, "JUSTID");
    }

    /** The job's entry is done with: acknowledged and deleted. */
    public void done(String entryId) {
        redis.execute("XACK", STREAM, GROUP, entryId);
        redis.execute("XDEL", STREAM, entryId);
    }

    /** Entries read but not yet acknowledged, by consumer (tests, diagnostics). */
    public Map<String, Long> pendingByConsumer() {
        Map<String, Long> pending = new HashMap<>();
        Response summary = redis.execute("XPENDING", STREAM, GROUP);
        Response consumers = summary.get(3);
        if (consumers != null) {
            for (Response consumer : consumers) {
                pending.put(consumer.get(0).toString(), consumer.get(1).toLong());
            }
        }
        return pending;
    }

    /** The entries of an {@code XREADGROUP} answer (RESP3 answers a map of stream to entries, RESP2 a list of pairs). */
    private static Response entries(Response read) {
        if (read.getKeys() != null && read.getKeys().contains(STREAM)) {
            return read.get(STREAM);
        }
        return read.size() == 0 ? null : read.get(0).get(1);
    }

    private static Claimed first(Response entries) {
        if (entries == null || entries.size() == 0) {
            return null;
        }
        Response entry = entries.get(0);
        Response fields = entry.get(1);
        if (fields == null) {
            return new Claimed(entry.get(0).toString(), null); // deleted meanwhile
        }
        String jobId = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            if ("job".equals(fields.get(i).toString())) {
                jobId = fields.get(i + 1).toString();
            }
        }
        return new Claimed(entry.get(0).toString(), jobId == null ? null : UUID.fromString(jobId));
    }

    private static String[] hsetArgs(JobState job) {
        List<String> args = new ArrayList<>();
        args.add(key(job.jobId()));
        job.fields().forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return args.toArray(String[]::new);
    }
}
