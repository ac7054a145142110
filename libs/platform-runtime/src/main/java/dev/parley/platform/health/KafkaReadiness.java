package dev.parley.platform.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Kafka cluster answers a metadata request within the readiness timeout. Every service
 * needs Kafka: each one publishes audit events.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements AsyncHealthCheck {

    static final String NAME = "kafka";

    private final KafkaAdmin kafka;

    public KafkaReadiness(KafkaAdmin kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) kafka.timeout().toMillis();
        return TimedProbe.run(NAME, kafka.timeout(), () -> Uni.createFrom()
                .completionStage(() -> kafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                        .nodes().toCompletionStage())
                .map(nodes -> {
                    if (nodes.isEmpty()) {
                        throw new IllegalStateException("no brokers");
                    }
                    return nodes.size();
                }));
    }
}
