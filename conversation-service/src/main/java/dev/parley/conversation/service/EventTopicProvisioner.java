package dev.parley.conversation.service;

import dev.parley.conversation.config.ConversationConfig;
import dev.parley.platform.events.TopicProvisioner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Creates the conversation events topic at start when it is absent (see {@link TopicProvisioner}). */
@ApplicationScoped
public class EventTopicProvisioner {

    private final TopicProvisioner topics;
    private final ConversationConfig.Events events;

    public EventTopicProvisioner(TopicProvisioner topics, ConversationConfig config) {
        this.topics = topics;
        this.events = config.events();
    }

    void start(@Observes StartupEvent event) {
        topics.provision(events.topic(), events.partitions(), events.replication(), events.retention());
    }
}
