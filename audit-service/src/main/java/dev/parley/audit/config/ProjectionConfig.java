package dev.parley.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The audit topic, the projection consumer and the signed checkpoints, under {@code parley.projection.*}. */
@ConfigMapping(prefix = "parley.projection")
public interface ProjectionConfig {

    Topic topic();

    Ingest ingest();

    Checkpoint checkpoint();

    interface Topic {
        /** Partitions of {@code parley.audit.v1} when audit-service creates it. */
        @WithDefault("3")
        int partitions();

        /** Replication factor when created; 3 in production. */
        @WithDefault("1")
        short replication();

        /** {@code min.insync.replicas}; 2 in production, so acks=all means two copies. */
        @WithDefault("1")
        int minInsyncReplicas();
    }

    interface Ingest {
        /** Whether this instance runs the projection consumer. */
        @WithDefault("true")
        boolean enabled();

        /** Consumer group of the projection. */
        @WithDefault("parley-audit-projection")
        String group();

        /** Most records written in one database transaction. */
        @WithDefault("2000")
        int batchSize();

        /** How long one poll waits for records. */
        @WithDefault("200ms")
        Duration pollTimeout();

        /**
         * How long the broker may hold a fetch to gather {@link #fetchMinBytes()}: under load the projection then
         * writes tens of events per transaction instead of one or two, and events reach the trail at most this much
         * later.
         */
        @WithDefault("50ms")
        Duration fetchMaxWait();

        /** What a fetch waits to gather (at most {@link #fetchMaxWait()}). */
        @WithDefault("16384")
        int fetchMinBytes();

        /** Pause after a failed batch before the same records are tried again. */
        @WithDefault("1s")
        Duration retryBackoff();
    }

    interface Checkpoint {
        /** A tenant gets a signed checkpoint after this many new events... */
        @WithDefault("1000")
        int everyEvents();

        /** ...or when this long has passed since its last one and it has new events. */
        @WithDefault("60s")
        Duration every();

        /** The key id new checkpoints are signed with. */
        String activeKid();

        /** The key ring: kid to HMAC key (32+ bytes). Old kids stay so old checkpoints still verify. */
        Map<String, String> keys();
    }
}
