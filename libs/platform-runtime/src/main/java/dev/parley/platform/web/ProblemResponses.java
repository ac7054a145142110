package dev.parley.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.contracts.ids.RequestIds;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.MDC;

/** Turns problems into HTTP responses, for JAX-RS exception mappers and for plain Vert.x routes alike. */
@ApplicationScoped
public class ProblemResponses {

    /** The challenge sent with every 401, as RFC 6750 asks. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"parley\"";

    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The problem of {@code kind} for the current request. */
    public Problem problem(ProblemKind kind, String detail, String path, List<Problem.FieldError> errors) {
        return kind.problem(detail, path, currentRequestId()).withErrors(errors);
    }

    /** A JAX-RS response carrying {@code problem}. */
    public Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(json(problem));
        if (problem.status() == 401) {
            builder.header(WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return builder.build();
    }

    /** Ends a Vert.x request with {@code problem}, unless a response is already on its way. */
    public void end(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten() || ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            ctx.response().putHeader(WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        ctx.response().end(json(problem));
    }

    /** The id of the request being served, as set by {@link RequestContextFilter}. */
    public static String currentRequestId() {
        Object id = MDC.get(RequestIds.MDC_KEY);
        return id == null ? null : id.toString();
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // a Problem is a plain record: this cannot happen short of a broken mapper
            throw new IllegalStateException("problem cannot be written", e);
        }
    }
}
