package dev.parley.platform.health;

import dev.parley.platform.config.PlatformConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** One lazily created Kafka admin client per service, for readiness probes, with the readiness timeout. */
@ApplicationScoped
public class KafkaAdmin {

    private final Map<String, Object> kafkaConfig;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaAdmin(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, PlatformConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.timeout = config.readiness().timeout();
    }

    /** The admin client, made on first use. */
    public Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(settings(kafkaConfig, timeout));
                }
                current = admin;
            }
        }
        return current;
    }

    /**
     * Creates {@code topic} unless it exists; true when this call created it. Blocks up to 30 s; failures other than
     * "exists" are thrown.
     */
    public boolean ensureTopic(NewTopic topic) {
        try {
            admin().createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("creating " + topic.name() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in time", e);
        }
    }

    /** The readiness timeout, which also bounds every admin request. */
    public Duration timeout() {
        return timeout;
    }

    static Map<String, Object> settings(Map<String, Object> kafkaConfig, Duration timeout) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                settings.put(key, value);
            }
        });
        settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return settings;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
