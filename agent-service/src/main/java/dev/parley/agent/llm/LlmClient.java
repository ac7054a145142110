package dev.parley.agent.llm;

import dev.parley.agent.config.LlmConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The language model, guarded: retries for transient failures and one circuit breaker for every call, streamed or
 * not (limits in {@code parley.agent.llm.retry.*} and {@code parley.agent.llm.breaker.*}), the timeout in the HTTP
 * layer ({@link OpenAiChatApi}). Every failure is an {@link LlmUnavailable}; with no base URL configured every call
 * fails at once with reason {@code NOT_CONFIGURED}.
 *
 * <p>Cancelling the {@code Uni} a call returns cancels the HTTP call in flight (the connection is closed) and any retry
 * still to come; the tokens of the cancelled attempt are still added to the {@link UsageMeter} (estimated).
 *
 * <p>Why SmallRye's programmatic {@link Guard} rather than annotations: one breaker must cover both call shapes, and
 * its limits belong with the rest of the model's configuration. Its timeout is not used because SmallRye, having
 * subscribed to the guarded {@code Uni}, never cancels it on timeout or cancellation; the HTTP layer's watchdog and
 * {@link CallScope} do that.
 */
@ApplicationScoped
@Startup
public class LlmClient {

    static final String BREAKER = "llm";
    private static final TypeLiteral<Uni<ModelTurn>> TURN = new TypeLiteral<>() {};

    private final LlmConfig config;
    private final LlmMetrics metrics;
    private final OpenAiChatApi api;
    private final Guard guard;

    @Inject
    public LlmClient(LlmConfig config, MeterRegistry registry, Vertx vertx) {
        this(config, registry, vertx, BREAKER);
    }

    LlmClient(LlmConfig config, MeterRegistry registry, Vertx vertx, String breakerName) {
        this.config = config;
        this.metrics = new LlmMetrics(registry);
        this.api = config.enabled() ? new OpenAiChatApi(config, vertx, metrics) : null;
        if (api != null) {
            // jtokkit reads its vocabulary on first use (a second or two): not on an event loop in a turn
            Infrastructure.getDefaultWorkerPool().execute(TokenEstimator::warmUp);
        }
        LlmConfig.Retry retry = config.retry();
        LlmConfig.Breaker breaker = config.breaker();
        long delay = retry.delay().toMillis();
        this.guard = Guard.create()
                .withDescription(breakerName)
                .withRetry()
                .maxRetries(retry.maxRetries())
                .delay(delay, ChronoUnit.MILLIS)
                .jitter(Math.min(retry.jitter().toMillis(), delay), ChronoUnit.MILLIS)
                .maxDuration(Math.max(config.timeout().toMillis(), delay * (retry.maxRetries() + 1L)) + 1,
                        ChronoUnit.MILLIS)
                .whenException(failure -> failure instanceof LlmUnavailable unavailable && unavailable.retryable())
                .done()
                .withCircuitBreaker()
                .name(breakerName)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .when(failure -> failure instanceof LlmUnavailable unavailable && unavailable.countsAgainstModel())
                .done()
                .withThreadOffload(false)
                .build();
    }

    /** Whether a model is configured; when not, every call fails with {@code NOT_CONFIGURED}. */
    public boolean configured() {
        return api != null;
    }

    /** The configured model name. */
    public String model() {
        return config.model();
    }

    /** One answer, not streamed. */
    public Uni<ModelTurn> complete(List<ModelMessage> messages, List<ToolSpec> tools) {
        return complete(messages, tools, new UsageMeter());
    }

    /** One answer, not streamed; its tokens (also of failed or cancelled attempts) are added to {@code meter}. */
    public Uni<ModelTurn> complete(List<ModelMessage> messages, List<ToolSpec> tools, UsageMeter meter) {
        return guarded(messages, tools, null, meter);
    }

    /**
     * One answer, streamed: its content tokens go to {@code onToken} as they arrive (tool-call fragments are
     * assembled, not passed on); the {@code Uni} ends with the whole answer. Retried only before the first token.
     */
    public Uni<ModelTurn> stream(List<ModelMessage> messages, List<ToolSpec> tools, Consumer<String> onToken,
            UsageMeter meter) {
        return guarded(messages, tools, onToken, meter);
    }

    private Uni<ModelTurn> guarded(List<ModelMessage> messages, List<ToolSpec> tools, Consumer<String> onToken,
            UsageMeter meter) {
        if (api == null) {
            return Uni.createFrom().deferred(() -> {
                metrics.call("not_configured", null);
                return Uni.createFrom().failure(new LlmUnavailable(LlmUnavailable.Reason.NOT_CONFIGURED,
                        "no language model is configured"));
            });
        }
        List<ModelMessage> sent = List.copyOf(messages);
        List<ToolSpec> offered = List.copyOf(tools);
        return Uni.createFrom().deferred(() -> {
            CallScope scope = new CallScope();
            return guard.get(() -> api.call(sent, offered, onToken, scope, meter), TURN)
                    .onFailure(CircuitBreakerOpenException.class).transform(open -> {
                        metrics.call("circuit_open", null);
                        return new LlmUnavailable(LlmUnavailable.Reason.CIRCUIT_OPEN,
                                "the language model is failing; calls pause for a while");
                    })
                    .onCancellation().invoke(scope::cancel);
        });
    }
}
