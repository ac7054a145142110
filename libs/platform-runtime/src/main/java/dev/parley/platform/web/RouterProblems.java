package dev.parley.platform.web;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.logging.FailureSummary;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Problem+json for what never reaches a JAX-RS resource: unknown paths, wrong methods on framework routes,
 * oversized bodies, authentication failures at the HTTP layer and any unhandled failure. Replaces the framework's
 * HTML and plain-text error pages.
 */
@ApplicationScoped
public class RouterProblems {

    private static final Logger LOG = Logger.getLogger(RouterProblems.class);
    private static final int[] STATUSES = {400, 401, 403, 404, 405, 406, 413, 415, 500, 501, 503};

    private final ProblemResponses problems;

    public RouterProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        for (int status : STATUSES) {
            router.errorHandler(status, this::fail);
        }
        router.route().order(Integer.MIN_VALUE).failureHandler(this::fail);
    }

    private void fail(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = statusOf(ctx, failure);
        ProblemKind kind = ProblemKind.forStatus(status);
        if (kind.status() >= 500) {
            LOG.errorf("request failed with %d: %s", status, failure == null ? "no failure" : FailureSummary.withFrames(failure, 8));
        }
        problems.end(ctx, problems.problem(kind, detailOf(kind), ctx.normalizedPath(), List.of()));
    }

    private static int statusOf(RoutingContext ctx, Throwable failure) {
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return 401;
        }
        if (failure instanceof ForbiddenException) {
            return 403;
        }
        int status = ctx.statusCode();
        return status >= 400 ? status : 500;
    }

    /** Details written for callers: fixed per kind so nothing internal can leak through them. */
    public static String detailOf(ProblemKind kind) {
        return switch (kind) {
            case NOT_FOUND -> "There is no resource at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the request method.";
            case UNAUTHORIZED -> "A valid bearer token is required.";
            case FORBIDDEN -> "The token does not grant access to this resource.";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than this endpoint accepts.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request content type is not supported here.";
            case NOT_ACCEPTABLE -> "No representation matches the Accept header.";
            case BAD_REQUEST -> "The request could not be understood.";
            case UNAVAILABLE -> "The service is temporarily unavailable.";
            default -> "The request could not be completed; quote the requestId when reporting it.";
        };
    }
}
