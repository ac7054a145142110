package dev.parley.conversation.service;

import dev.parley.conversation.config.ConversationConfig;
import dev.parley.platform.health.KafkaAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

/**
 * Creates the conversation events topic when it is absent (the broker does not create topics on its own): the
 * outbox relay could not deliver to a missing topic, and would hold back the audit events behind it.
 */
@ApplicationScoped
public class EventTopicProvisioner {

    private static final Logger LOG = Logger.getLogger(EventTopicProvisioner.class);

    private static final long RETRY_MILLIS = 30_000;

    private final KafkaAdmin kafka;
    private final ConversationConfig.Events events;
    private final io.vertx.core.Vertx vertx;

    public EventTopicProvisioner(KafkaAdmin kafka, ConversationConfig config, io.vertx.core.Vertx vertx) {
        this.kafka = kafka;
        this.events = config.events();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        provision();
    }

    /** Tries until the topic exists: every event behind a row for a missing topic would wait in the outbox. */
    private void provision() {
        try {
            if (kafka.ensureTopic(new NewTopic(events.topic(), events.partitions(), events.replication())
                    .configs(Map.of("retention.ms", String.valueOf(events.retention().toMillis()))))) {
                LOG.infof("created topic %s", events.topic());
            }
        } catch (RuntimeException e) {
            LOG.errorf("could not provision topic %s, trying again in %d s: %s", events.topic(), RETRY_MILLIS / 1000,
                    e.getMessage());
            vertx.setTimer(RETRY_MILLIS, id -> vertx.executeBlocking(() -> {
                provision();
                return null;
            }));
        }
    }
}
