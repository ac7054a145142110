package dev.parley.platform.events;

import dev.parley.platform.health.KafkaAdmin;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

/**
 * Creates a service's own event topic when it is absent (the broker does not create topics on its own), and keeps
 * trying until it exists: the outbox relay cannot deliver to a missing topic, and would hold back every audit event
 * behind a row for it.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final long RETRY_MILLIS = 30_000;

    private final KafkaAdmin kafka;
    private final Vertx vertx;

    public TopicProvisioner(KafkaAdmin kafka, Vertx vertx) {
        this.kafka = kafka;
        this.vertx = vertx;
    }

    /** Makes sure {@code topic} exists with these partitions, replication and retention; retries in the background. */
    public void provision(String topic, int partitions, short replication, Duration retention) {
        try {
            if (kafka.ensureTopic(new NewTopic(topic, partitions, replication)
                    .configs(Map.of("retention.ms", String.valueOf(retention.toMillis()))))) {
                LOG.infof("created topic %s", topic);
            }
        } catch (RuntimeException e) {
            LOG.errorf("could not provision topic %s, trying again in %d s: %s", topic, RETRY_MILLIS / 1000,
                    e.getMessage());
            vertx.setTimer(RETRY_MILLIS, id -> vertx.executeBlocking(() -> {
                provision(topic, partitions, replication, retention);
                return null;
            }));
        }
    }
}
