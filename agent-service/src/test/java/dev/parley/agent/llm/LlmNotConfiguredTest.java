package dev.parley.agent.llm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.agent.config.LlmConfig;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With no LLM configuration at all the service starts, and every model call fails at once with a typed error. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class LlmNotConfiguredTest {

    @Inject
    LlmConfig config;

    @Inject
    LlmAgent agent;

    @Test
    void startsAndFailsFastWithNotConfigured() {
        given().get("/q/health/live").then().statusCode(200);
        assertThat(config.enabled()).isFalse();
        assertThat(agent.available()).isFalse();
        long started = System.nanoTime();

        Uni<AgentResult> run = agent.run(new AgentRequest("You help.", null, List.of(), "Hello",
                List.of(LlmAgentTest.LOOKUP_CLAIM)), (tool, arguments) -> Uni.createFrom().item("{}"),
                TurnListener.SILENT, true);

        assertThatThrownBy(() -> run.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(LlmUnavailable.class,
                        e -> assertThat(e.reason()).isEqualTo(LlmUnavailable.Reason.NOT_CONFIGURED));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }
}
