package dev.parley.pipeline.service;

import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.domain.JobState;
import dev.parley.pipeline.repository.JobStore;
import dev.parley.platform.logging.FailureSummary;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The job workers of this instance ({@code parley.pipeline.jobs.workers}, each its own thread; replicas add more).
 * A worker first takes over a job whose worker stopped renewing its claim (it died), else waits for a new one; it
 * renews its claim every {@code heartbeat} while the job runs, and acknowledges the job's entry once the job ended.
 * A job is tried at most {@link #MAX_ATTEMPTS} times; then it is recorded as failed.
 */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);
    static final int MAX_ATTEMPTS = 3;
    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final JobStore jobs;
    private final PipelineRunner runner;
    private final PipelineConfig.Jobs config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService heartbeats;

    public JobWorkers(JobStore jobs, PipelineRunner runner, PipelineConfig config) {
        this.jobs = jobs;
        this.runner = runner;
        this.config = config.jobs();
    }

    void start(@Observes StartupEvent event) {
        if (config.workers() <= 0) {
            return;
        }
        running.set(true);
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pipeline-heartbeat").daemon().factory());
        String host = consumerPrefix();
        for (int i = 0; i < config.workers(); i++) {
            String consumer = host + "-w" + i;
            threads.add(Thread.ofPlatform().name("pipeline-worker-" + i).daemon().start(() -> work(consumer)));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        threads.forEach(Thread::interrupt);
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    private void work(String consumer) {
        boolean grouped = false;
        while (running.get()) {
            try {
                if (!grouped) {
                    jobs.ensureGroup();
                    grouped = true;
                }
                JobStore.Claimed claimed = jobs.reclaim(consumer, config.reclaimAfter());
                if (claimed == null) {
                    claimed = jobs.next(consumer, BLOCK);
                }
                if (claimed != null) {
                    handle(consumer, claimed);
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("pipeline worker %s: %s; retrying shortly", consumer, FailureSummary.withFrames(e, 6));
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Runs one claimed job to its end; on an infrastructure failure the entry stays claimed and is retried later. */
    private void handle(String consumer, JobStore.Claimed claimed) {
        JobState job = claimed.jobId() == null ? null : jobs.load(claimed.jobId());
        if (job == null || job.ended()) {
            jobs.done(claimed.entryId()); // expired, unreadable, or finished by a worker that died before acknowledging
            return;
        }
        if (job.attempt() >= MAX_ATTEMPTS) {
            runner.giveUp(job, "the job failed " + job.attempt() + " times");
            jobs.done(claimed.entryId());
            return;
        }
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> renew(consumer, claimed),
                config.heartbeat().toMillis(), config.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            runner.run(job, consumer);
            jobs.done(claimed.entryId());
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void renew(String consumer, JobStore.Claimed claimed) {
        try {
            jobs.heartbeat(consumer, claimed.entryId());
        } catch (RuntimeException e) {
            LOG.warnf("could not renew the claim on job %s: %s", claimed.jobId(), e.getClass().getSimpleName());
        }
    }

    /** Host name and process id: two instances on one host are different consumers. */
    private static String consumerPrefix() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = "pipeline";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
