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

    private final KafkaAdmin kafka;
    private final ConversationConfig.Events events;

    public EventTopicProvisioner(KafkaAdmin kafka, ConversationConfig config) {
        this.kafka = kafka;
        this.events = config.events();
    }

    void provision(@Observes StartupEvent event) {
        try {
            if (kafka.ensureTopic(new NewTopic(events.topic(), events.partitions(), events.replication())
                    .configs(Map.of("retention.ms", String.valueOf(events.retention().toMillis()))))) {
                LOG.infof("created topic %s", events.topic());
            }
        } catch (RuntimeException e) {
            LOG.errorf("could not provision topic %s, the next start tries again: %s", events.topic(), e.getMessage());
        }
    }
}
