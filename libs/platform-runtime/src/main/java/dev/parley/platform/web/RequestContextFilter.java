package dev.parley.platform.web;

import dev.parley.contracts.ids.RequestIds;
import dev.parley.contracts.problem.ProblemKind;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * First thing on every request, routed or not: settles the request id (the caller's when acceptable, else a new
 * UUIDv7), puts it in the log context and on the response, and writes one completion line per request.
 *
 * <p>The completion line carries method, route template-free path, status and duration only: query strings and
 * bodies can hold personal data and are never logged.
 */
@ApplicationScoped
public class RequestContextFilter {

    /** Key of the request id in the routing context's data. */
    public static final String CONTEXT_KEY = "parley.requestId";

    private static final Logger LOG = Logger.getLogger("dev.parley.http");
    private static final int FIRST = 1000;

    private final ProblemResponses problems;
    private final long maxBodyBytes;

    private final List<String> streamedPrefixes;

    public RequestContextFilter(ProblemResponses problems,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            dev.parley.platform.config.PlatformConfig config) {
        this.problems = problems;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.streamedPrefixes = config.http().streamedPrefixes().orElse(List.of());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, FIRST);
    }

    private void handle(RoutingContext ctx) {
        String requestId = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
        long started = System.nanoTime();
        ctx.put(CONTEXT_KEY, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addEndHandler(done -> {
            long micros = (System.nanoTime() - started) / 1_000;
            // probes and scrapes come every few seconds: keep them out of the INFO stream
            Logger.Level level = ctx.normalizedPath().startsWith("/q/") ? Logger.Level.DEBUG : Logger.Level.INFO;
            LOG.logf(level, "%s %s -> %d in %d.%03d ms", ctx.request().method(), ctx.normalizedPath(),
                    ctx.response().getStatusCode(), micros / 1_000, micros % 1_000);
        });
        if (declaredLength(ctx) > maxBodyBytes && !isStreamed(ctx.normalizedPath())) {
            // refuse before reading a byte of it; the framework's own refusal has no problem body
            ctx.response().putHeader("Connection", "close");
            problems.end(ctx, problems.problem(ProblemKind.PAYLOAD_TOO_LARGE,
                    RouterProblems.detailOf(ProblemKind.PAYLOAD_TOO_LARGE), ctx.normalizedPath(), List.of()));
            return;
        }
        ctx.next();
    }

    private boolean isStreamed(String path) {
        for (String prefix : streamedPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static long declaredLength(RoutingContext ctx) {
        return declaredLength(ctx.request());
    }

    /** The request's declared {@code Content-Length}, or -1 when it has none (or an unreadable one). */
    public static long declaredLength(io.vertx.core.http.HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
