package dev.parley.gateway.proxy;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.gateway.config.GatewayConfig;
import dev.parley.gateway.ratelimit.Decision;
import dev.parley.gateway.ratelimit.Outcome;
import dev.parley.gateway.ratelimit.RateLimitKeys;
import dev.parley.gateway.ratelimit.RateLimiter;
import dev.parley.gateway.security.AuthFailures;
import dev.parley.gateway.security.SecurityEvents;
import dev.parley.platform.logging.FailureSummary;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemResponses;
import dev.parley.platform.web.RequestContextFilter;
import dev.parley.platform.web.RouterProblems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The one door: every {@code /api/...} request is authenticated, authorized by the route's roles, rate-limited and
 * streamed to its upstream without being buffered whole; the answer is streamed back the same way, server-sent
 * events chunk by chunk. The JWT travels on unchanged (the upstream verifies it again).
 *
 * <p>Errors are problem+json: unknown route 404, no or bad token 401, missing role 403, over a rate limit 429 (with
 * {@code Retry-After}, naming the limit), body over the route's limit 413, rate limiting unavailable in a fail-closed
 * group 503, upstream refusing connections or its circuit open 503, upstream silent past the route's timeout 504, any other
 * upstream failure 502. Metrics {@code gateway_requests_total{route,group,status}} and
 * {@code gateway_upstream_seconds{route,status}}.
 */
@ApplicationScoped
public class GatewayProxy {

    private static final Logger LOG = Logger.getLogger(GatewayProxy.class);

    /** Hop-by-hop headers (RFC 9110 7.6.1) and what the gateway sets itself: never copied across. */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-request-id", "content-length");

    private final RouteTable routes;
    private final UpstreamBreakers breakers;
    private final ProblemResponses problems;
    private final SecurityEvents events;
    private final IdentityProviderManager identities;
    private final MeterRegistry registry;
    private final RateLimiter limiter;
    /** Meters by name and tags (bounded: configured routes and groups, HTTP statuses), looked up once each. */
    private final Map<String, io.micrometer.core.instrument.Meter> meters = new ConcurrentHashMap<>();
    private final HttpClient client;

    public GatewayProxy(RouteTable routes, UpstreamBreakers breakers, ProblemResponses problems, SecurityEvents events,
            IdentityProviderManager identities, MeterRegistry registry, Vertx vertx, GatewayConfig config,
            RateLimiter limiter) {
        this.routes = routes;
        this.limiter = limiter;
        this.breakers = breakers;
        this.problems = problems;
        this.events = events;
        this.identities = identities;
        this.registry = registry;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.upstreams().poolSize())
                .setConnectTimeout((int) config.upstreams().connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false));
    }

    void install(@Observes Router router) {
        for (Route route : routes.all()) {
            for (String method : List.of("GET", "POST")) {
                if (!limiter.hasGroup(route.rateLimitGroup(method))) {
                    throw new IllegalStateException("route " + route.name() + " uses rate-limit group "
                            + route.rateLimitGroup(method) + ", which parley.gateway.rate-limit.groups does not define");
                }
            }
        }
        router.route("/api/*").order(-10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        Route route = routes.find(ctx.normalizedPath()).orElse(null);
        countWhenDone(ctx, route);
        if (route == null) {
            refuse(ctx, ProblemKind.NOT_FOUND, "No route serves this path.");
            return;
        }
        if (declaredLength(request) > route.maxBody()) {
            tooLarge(ctx);
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(ctx, identities).subscribe().with(
                identity -> guarded(ctx, () -> authorized(ctx, route, identity)),
                failure -> {
                    events.authenticationFailed(AuthFailures.reason(failure), clientAddress(ctx));
                    unauthorized(ctx);
                });
    }

    private void authorized(RoutingContext ctx, Route route, SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            events.authenticationFailed("missing", clientAddress(ctx));
            unauthorized(ctx);
            return;
        }
        Caller caller = Caller.of(identity);
        if (route.roles().stream().noneMatch(identity.getRoles()::contains)) {
            events.accessDenied(caller.tenantHash(), caller.subjectHash(), route.name());
            refuse(ctx, ProblemKind.FORBIDDEN, "The token does not grant access to this resource.");
            return;
        }
        String group = route.rateLimitGroup(ctx.request().method().name());
        limiter.check(group, caller.tenantHash(), RateLimitKeys.of(caller.tenantHash(), caller.subjectHash()))
                .subscribe().with(decision -> guarded(ctx, () -> decided(ctx, route, caller, group, decision)),
                        failure -> unavailable(ctx, "Rate limiting is unavailable; try again shortly."));
    }

    /** Runs a step of the request; a failure in it still answers (a 500 problem) instead of leaving it hanging. */
    private void guarded(RoutingContext ctx, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.errorf("proxying failed: %s", FailureSummary.withFrames(e, 8));
            refuse(ctx, ProblemKind.INTERNAL, RouterProblems.detailOf(ProblemKind.INTERNAL));
        }
    }

    private void unavailable(RoutingContext ctx, String detail) {
        ctx.response().putHeader("Retry-After", "5");
        refuse(ctx, ProblemKind.UNAVAILABLE, detail);
    }

    /** Applies a rate-limit decision: headers on every answer, 429 naming the limit, 503 when Redis is away. */
    private void decided(RoutingContext ctx, Route route, Caller caller, String group, Decision decision) {
        HttpServerResponse response = ctx.response();
        if (decision.policyHeader() != null) {
            response.putHeader("RateLimit-Policy", decision.policyHeader());
        }
        if (decision.rateLimitHeader() != null) {
            response.putHeader("RateLimit", decision.rateLimitHeader());
        }
        if (decision.allowed()) {
            forward(ctx, route);
            return;
        }
        long retryAfter = Math.max(1, decision.retryAfterSeconds());
        response.putHeader("Retry-After", Long.toString(retryAfter));
        if (decision.outcome() == Outcome.DENIED) {
            events.rateLimited(caller.tenantHash(), caller.subjectHash(), clientAddress(ctx), group, decision.limitHit());
            refuse(ctx, ProblemKind.TOO_MANY_REQUESTS, "The " + group + " limit '" + decision.limitHit()
                    + "' is used up; retry after " + retryAfter + " s.");
        } else {
            refuse(ctx, ProblemKind.UNAVAILABLE, "Rate limiting is unavailable; try again shortly.");
        }
    }

    /** Sends the request on once it may pass. */
    private void forward(RoutingContext ctx, Route route) {
        CircuitBreaker breaker = breakers.of(route);
        long permit = breaker.tryAcquire();
        if (permit == CircuitBreaker.REFUSED) {
            unavailable(ctx, "The upstream service is unavailable.");
            return;
        }
        Call call = new Call(route, breaker, permit, Timer.start(registry));
        try {
            send(ctx, call);
        } catch (RuntimeException e) {
            breaker.onFailure(permit);
            throw e;
        }
    }

    /**
     * One forwarded request: its breaker permit and timer. {@code cancelled} is set when the gateway itself drops the
     * upstream call (the client left, the body was too large): that is not the upstream's failure.
     */
    private static final class Call {
        final Route route;
        final CircuitBreaker breaker;
        final long permit;
        final Timer.Sample sample;
        boolean cancelled;

        Call(Route route, CircuitBreaker breaker, long permit, Timer.Sample sample) {
            this.route = route;
            this.breaker = breaker;
            this.permit = permit;
            this.sample = sample;
        }

        void cancel(HttpClientRequest upstream) {
            cancelled = true;
            upstream.reset();
        }
    }

    private void send(RoutingContext ctx, Call call) {
        Route route = call.route;
        HttpServerRequest request = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(route.upstream().getHost())
                .setPort(port(route))
                .setSsl("https".equals(route.upstream().getScheme()))
                .setURI(route.upstreamPath(ctx.normalizedPath()) + (request.query() == null ? "" : "?" + request.query()))
                .setIdleTimeout(route.timeout().toMillis())
                .setHeaders(upstreamHeaders(ctx));
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                upstreamFailed(ctx, call, created.cause());
                return;
            }
            HttpClientRequest upstream = created.result();
            ctx.response().closeHandler(closed -> call.cancel(upstream));
            upstream.response().onComplete(answered -> {
                if (answered.failed()) {
                    upstreamFailed(ctx, call, answered.cause());
                } else {
                    relay(ctx, call, answered.result());
                }
            });
            sendBody(ctx, call, upstream);
        });
    }

    /** Streams the request body up, counting it: past the route's limit the upstream call is dropped with a 413. */
    private void sendBody(RoutingContext ctx, Call call, HttpClientRequest upstream) {
        Route route = call.route;
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
        if (declared <= 0 && !chunked) {
            upstream.end();
            request.resume();
            return;
        }
        if (declared > 0) {
            upstream.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(declared));
        } else {
            upstream.setChunked(true);
        }
        long[] received = {0};
        request.handler(buffer -> {
            received[0] += buffer.length();
            if (received[0] > route.maxBody()) {
                request.handler(null);
                tooLarge(ctx);
                call.cancel(upstream);
                return;
            }
            upstream.write(buffer);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(drained -> request.resume());
            }
        });
        request.endHandler(ended -> {
            if (received[0] <= route.maxBody()) {
                upstream.end();
            }
        });
        request.resume();
    }

    private void relay(RoutingContext ctx, Call call, HttpClientResponse answer) {
        int status = answer.statusCode();
        if (status >= 502 && status <= 504) {
            call.breaker.onFailure(call.permit);
        } else {
            call.breaker.onSuccess(call.permit);
        }
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            answer.request().reset();
            return;
        }
        response.setStatusCode(status);
        copy(answer.headers(), response.headers());
        String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
        } else if (!"HEAD".equals(ctx.request().method().name()) && status != 204 && status != 304) {
            response.setChunked(true);
        }
        String type = answer.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            // no proxy after this one may hold events back to fill a buffer
            response.putHeader("X-Accel-Buffering", "no").putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        answer.pipeTo(response).onComplete(done -> call.sample.stop(timer(call.route, status)));
    }

    private void upstreamFailed(RoutingContext ctx, Call call, Throwable failure) {
        if (call.cancelled) {
            return; // the gateway dropped it and has answered already (or the client is gone)
        }
        call.breaker.onFailure(call.permit);
        ProblemKind kind = kindOf(failure);
        call.sample.stop(timer(call.route, kind.status()));
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (kind == ProblemKind.UNAVAILABLE) {
            ctx.response().putHeader("Retry-After", "5");
        }
        refuse(ctx, kind, switch (kind) {
            case UNAVAILABLE -> "The upstream service is unavailable.";
            case GATEWAY_TIMEOUT -> "The upstream service did not answer in time.";
            default -> "The upstream service gave no valid answer.";
        });
    }

    static ProblemKind kindOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return ProblemKind.UNAVAILABLE;
            }
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return ProblemKind.GATEWAY_TIMEOUT;
            }
        }
        return ProblemKind.BAD_GATEWAY;
    }

    private MultiMap upstreamHeaders(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copy(request.headers(), headers);
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = clientAddress(ctx);
        headers.set("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        headers.set("X-Request-ID", String.valueOf(ctx.<String>get(RequestContextFilter.CONTEXT_KEY)));
        return headers;
    }

    /** Copies end-to-end headers, and none that the {@code Connection} header names as hop-by-hop. */
    static void copy(MultiMap from, MultiMap to) {
        List<String> named = from.getAll(HttpHeaders.CONNECTION).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        from.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !named.contains(lower)) {
                to.add(name, value);
            }
        });
    }

    /** {@code gateway_requests_total{route,group,status}}: every /api request by route, rate-limit group and status. */
    private void countWhenDone(RoutingContext ctx, Route route) {
        String name = route == null ? "none" : route.name();
        String group = route == null ? "none" : route.rateLimitGroup(ctx.request().method().name());
        ctx.addEndHandler(done -> {
            int status = ctx.response().getStatusCode();
            ((Counter) meters.computeIfAbsent("requests|" + name + "|" + group + "|" + status, key -> Counter
                    .builder("gateway.requests").description("Requests through the gateway").tag("route", name)
                    .tag("group", group).tag("status", Integer.toString(status)).register(registry))).increment();
        });
    }

    private Timer timer(Route route, int status) {
        return (Timer) meters.computeIfAbsent("upstream|" + route.name() + "|" + status, key -> Timer.builder("gateway.upstream")
                .description("Time from forwarding a request to the end of its answer")
                .tag("route", route.name()).tag("status", Integer.toString(status)).publishPercentileHistogram()
                .register(registry));
    }

    private void unauthorized(RoutingContext ctx) {
        refuse(ctx, ProblemKind.UNAUTHORIZED, "A valid bearer token is required.");
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        refuse(ctx, ProblemKind.PAYLOAD_TOO_LARGE, "The request body is larger than this route accepts.");
    }

    /** Answers with a problem; the unread body is drained so the connection stays usable. */
    void refuse(RoutingContext ctx, ProblemKind kind, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        problems.end(ctx, problems.problem(kind, detail, ctx.normalizedPath(), List.of()));
        ctx.request().resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        return RequestContextFilter.declaredLength(request);
    }

    static String clientAddress(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    }

    private static int port(Route route) {
        int port = route.upstream().getPort();
        return port > 0 ? port : "https".equals(route.upstream().getScheme()) ? 443 : 80;
    }
}
