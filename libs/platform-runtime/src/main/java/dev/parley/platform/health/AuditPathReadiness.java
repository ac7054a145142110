package dev.parley.platform.health;

import dev.parley.platform.audit.AuditPublisher;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while audit events can be recorded: the audit topic exists and answers within the readiness timeout,
 * and no audit send failed in the last 30 s. A service that cannot audit must not take requests that change state.
 */
@Readiness
@ApplicationScoped
public class AuditPathReadiness implements AsyncHealthCheck {

    static final String NAME = "audit-path";
    private static final Duration FAILURE_WINDOW = Duration.ofSeconds(30);

    private final KafkaAdmin kafka;
    private final AuditPublisher publisher;

    public AuditPathReadiness(KafkaAdmin kafka, AuditPublisher publisher) {
        this.kafka = kafka;
        this.publisher = publisher;
    }

    /** The last audit send failed and none succeeded since. */
    static final class RecentSendFailure extends IllegalStateException {
        RecentSendFailure() {
            super("the last audit send failed", null);
        }
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) kafka.timeout().toMillis();
        return TimedProbe.run(NAME, kafka.timeout(), () -> Uni.createFrom()
                .completionStage(() -> kafka.admin()
                        .describeTopics(List.of(publisher.topic()), new DescribeTopicsOptions().timeoutMs(millis))
                        .allTopicNames().toCompletionStage())
                .map(topics -> {
                    if (publisher.recentlyFailing(FAILURE_WINDOW)) {
                        throw new RecentSendFailure();
                    }
                    return topics.size();
                }));
    }
}
