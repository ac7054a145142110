package dev.parley.audit.service;

import dev.parley.audit.config.ProjectionConfig;
import dev.parley.platform.config.PlatformConfig;
import dev.parley.platform.health.KafkaAdmin;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.jboss.logging.Logger;

/**
 * Makes sure the audit topic exists with a retention that never deletes: created when absent, with partitions and
 * replication from configuration; when present, its retention and cleanup policy are set again, in case someone or
 * something created it with the broker's defaults.
 */
@ApplicationScoped
public class TopicProvisioner {

    static final Map<String, String> RETENTION = Map.of("retention.ms", "-1", "cleanup.policy", "delete");
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final KafkaAdmin kafka;
    private final ProjectionConfig config;
    private final String topic;

    public TopicProvisioner(KafkaAdmin kafka, ProjectionConfig config, PlatformConfig platform) {
        this.kafka = kafka;
        this.config = config;
        this.topic = platform.audit().topic();
    }

    void provision(@Observes @Priority(10) StartupEvent event) {
        try {
            ensure();
        } catch (RuntimeException e) {
            // readiness (audit-path) stays DOWN until the topic exists; the next start tries again
            LOG.errorf("could not provision the audit topic %s: %s", topic, e.getMessage());
        }
    }

    /** Creates or corrects the topic; blocks up to 30 s. */
    public void ensure() {
        Map<String, String> configs = new java.util.HashMap<>(RETENTION);
        configs.put("min.insync.replicas", String.valueOf(config.topic().minInsyncReplicas()));
        if (kafka.ensureTopic(new NewTopic(topic, config.topic().partitions(), config.topic().replication()).configs(configs))) {
            LOG.infof("created audit topic %s (%d partitions, replication %d)", topic, config.topic().partitions(),
                    config.topic().replication());
        } else {
            enforceRetention();
        }
    }

    private void enforceRetention() {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        List<AlterConfigOp> ops = RETENTION.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            kafka.admin().incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not set the retention of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
