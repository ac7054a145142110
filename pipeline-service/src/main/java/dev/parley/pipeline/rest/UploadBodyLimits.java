package dev.parley.pipeline.rest;

import dev.parley.contracts.problem.ProblemKind;
import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.platform.web.ProblemResponses;
import dev.parley.platform.web.RequestContextFilter;
import dev.parley.platform.web.RouterProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Two body limits on one server: an upload streams up to {@code parley.pipeline.uploads.max-bytes} (50 MB), every
 * other body stays within {@code parley.pipeline.http.max-body-size} (1 MB, JSON). The server's own limit
 * ({@code quarkus.http.limits.max-body-size}) must be the upload cap, or it would refuse uploads before they reach
 * their endpoint, and it answers without a problem body; so this refuses first, with problem+json:
 *
 * <ul>
 *   <li>before the server's limit check: a declared {@code Content-Length} over the limit of its path, at once;
 *   <li>after it: an upload's chunked body is left to the upload, which counts it and refuses it as it passes the
 *       cap naming the line; any other chunked body is read up to 1 MB and refused past it.
 * </ul>
 */
@ApplicationScoped
public class UploadBodyLimits {

    private static final Pattern UPLOAD = Pattern.compile("/v1/workspaces/[^/]+/uploads");
    /** Where the server's limit check leaves its cap for chunked bodies (Quarkus REST enforces it, bare). */
    private static final String SERVER_CHUNKED_LIMIT = "io.quarkus.max-request-size";
    /** Right before and right after the server's own check ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    private static final int BEFORE_SERVER_LIMIT = -5;
    private static final int AFTER_SERVER_LIMIT = -1;

    private final ProblemResponses problems;
    private final long uploadMax;
    private final long bodyMax;
    private final Optional<MemorySize> serverLimit;
    private final BodyHandler bodies;

    public UploadBodyLimits(ProblemResponses problems, PipelineConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> serverLimit) {
        this.problems = problems;
        this.uploadMax = config.uploads().maxBytes().asLongValue();
        this.bodyMax = config.http().maxBodySize().asLongValue();
        this.serverLimit = serverLimit;
        this.bodies = BodyHandler.create(false).setBodyLimit(bodyMax).setDeleteUploadedFilesOnEnd(true);
    }

    void install(@Observes Router router) {
        if (serverLimit.isPresent() && serverLimit.get().asLongValue() < Math.max(uploadMax, bodyMax)) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + serverLimit.get().asLongValue()
                    + " bytes) is below parley.pipeline.uploads.max-bytes (" + uploadMax
                    + ") or parley.pipeline.http.max-body-size (" + bodyMax
                    + "): the server would refuse, without a problem body, what the endpoints accept");
        }
        router.route().order(BEFORE_SERVER_LIMIT).handler(this::declared);
        router.route().order(AFTER_SERVER_LIMIT).handler(this::chunked);
    }

    private void declared(RoutingContext ctx) {
        long declared = RequestContextFilter.declaredLength(ctx.request());
        boolean upload = isUpload(ctx);
        if (declared > (upload ? uploadMax : bodyMax)) {
            ctx.response().putHeader("Connection", "close");
            String detail = upload
                    ? "The upload declares " + declared + " bytes; at most " + uploadMax + " are accepted."
                    : RouterProblems.detailOf(ProblemKind.PAYLOAD_TOO_LARGE);
            problems.end(ctx, problems.problem(ProblemKind.PAYLOAD_TOO_LARGE, detail, ctx.normalizedPath(), List.of()));
            return;
        }
        ctx.next();
    }

    private void chunked(RoutingContext ctx) {
        if (isUpload(ctx)) {
            // the upload counts its own bytes and refuses past the cap with the line it reached
            ctx.remove(SERVER_CHUNKED_LIMIT);
            ctx.next();
            return;
        }
        if (RequestContextFilter.declaredLength(ctx.request()) < 0 && ctx.request().getHeader("Transfer-Encoding") != null) {
            // read (at most the limit) here, so that going past it is a 413 problem, not the server's bare 413
            bodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    private static boolean isUpload(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && UPLOAD.matcher(ctx.normalizedPath()).matches();
    }
}
