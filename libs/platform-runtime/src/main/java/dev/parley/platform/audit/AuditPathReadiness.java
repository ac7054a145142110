package dev.parley.platform.audit;

import dev.parley.platform.health.KafkaAdmin;
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
 * and the last audit send did not fail. A service that cannot audit must not take requests that change state.
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

    @Override
    public Uni<HealthCheckResponse> call() {
        int millis = (int) kafka.timeout().toMillis();
        return Uni.createFrom()
                .completionStage(() -> kafka.admin()
                        .describeTopics(List.of(publisher.topic()), new DescribeTopicsOptions().timeoutMs(millis))
                        .allTopicNames().toCompletionStage())
                .ifNoItem().after(kafka.timeout()).fail()
                .map(topics -> {
                    boolean failing = publisher.recentlyFailing(FAILURE_WINDOW);
                    return HealthCheckResponse.named(NAME).status(!failing)
                            .withData("topic", publisher.topic())
                            .withData("lastSendFailed", failing).build();
                })
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("topic", publisher.topic())
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
