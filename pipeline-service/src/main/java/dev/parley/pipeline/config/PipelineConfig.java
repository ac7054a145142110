package dev.parley.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pipeline service's settings, under {@code parley.pipeline} (rules: {@link RulesConfig}). */
@ConfigMapping(prefix = "parley.pipeline")
public interface PipelineConfig {

    Uploads uploads();

    Http http();

    Jobs jobs();

    Risk risk();

    Quality quality();

    Runs runs();

    Stats stats();

    /** How long a workspace's statistics (nine counts) are served before they are counted again. */
    interface Stats {
        /** 0 counts on every request. Changes this instance commits drop the counts at once. */
        @WithDefault("2s")
        Duration maxAge();
    }

    /** What an upload may be. */
    interface Uploads {
        /** The largest body accepted; larger ones answer 413 (the declared length at once, a streamed one as it passes). */
        @WithDefault("50M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();

        /** The most data rows one upload may hold; more answer 413. */
        @WithDefault("2000000")
        int maxRows();

        /** The most columns a row may have. */
        @WithDefault("64")
        int maxColumns();

        /** How many row errors an answer lists (the count covers all). */
        @WithDefault("100")
        int reportedErrors();

        /**
         * Member values (first and last names, dates of birth) encrypted through compliance-service per call; at most
         * 1000, compliance's cap for one batch.
         */
        @WithDefault("500")
        int encryptBatch();
    }

    /** Request bodies other than uploads. */
    interface Http {
        /**
         * The largest body of every endpoint but uploads (JSON); larger ones answer 413 problem+json, declared or
         * chunked. The server's transport limit ({@code quarkus.http.limits.max-body-size}) is the upload cap.
         */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();
    }

    /** Durable jobs on Redis Streams. */
    interface Jobs {
        /** Workers this instance runs (0: it only accepts jobs; other replicas work them). */
        @WithDefault("2")
        int workers();

        /** How long a job another worker took may go without a heartbeat before it is taken over (that worker died). */
        @WithDefault("30s")
        Duration reclaimAfter();

        /** How often a running job renews its claim. */
        @WithDefault("5s")
        Duration heartbeat();

        /** How long job state stays readable after the job ended. */
        @WithDefault("7d")
        Duration retention();

        /** How often the progress stream looks at the job's state. */
        @WithDefault("250ms")
        Duration progressEvery();
    }

    /** Risk levels from scores, and which levels open a case. */
    interface Risk {
        @WithDefault("20")
        double medium();

        @WithDefault("50")
        double high();

        @WithDefault("80")
        double critical();

        /** The lowest level that opens an investigation case. */
        @WithDefault("medium")
        String caseMinLevel();
    }

    /** Quality gates. */
    interface Quality {
        /** Outliers: claims beyond mean + this many standard deviations of their CPT/NDC group. */
        @WithDefault("3")
        double outlierSigmas();

        /** Outliers are only looked for in groups of at least this many claims. */
        @WithDefault("30")
        int minGroupSize();

        /** How many issues a run's report lists (counts cover all). */
        @WithDefault("1000")
        int reportedIssues();
    }

    /** The run events topic; created at start when absent. */
    interface Runs {
        @WithDefault("parley.pipeline.runs.v1")
        String topic();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replication();

        @WithDefault("7d")
        Duration retention();
    }
}
