package dev.parley.platform.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.logging.FailureSummary;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every exception a resource can raise becomes an RFC 9457 problem. Details are written here, never copied from
 * exception messages, so no stack trace, SQL or internal name reaches a caller.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses problems;
    private final AuditPublisher audit;
    private final SecurityIdentity identity;

    public ProblemMappers(ProblemResponses problems, AuditPublisher audit, SecurityIdentity identity) {
        this.problems = problems;
        this.audit = audit;
        this.identity = identity;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(problems.problem(e.kind(), e.getMessage(), path(uri), e.errors()));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(ProblemKind.UNAUTHORIZED, uri);
    }

    /**
     * A refused authenticated call is a security decision: it is recorded in the audit trail ({@code access.denied},
     * the path template-free as resource id) before the 403 goes out. If the trail cannot take it, the caller still
     * gets the 403 and the failure is counted.
     */
    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, UriInfo uri) {
        Response response = respond(ProblemKind.FORBIDDEN, uri);
        if (identity.isAnonymous() || identity.getAttribute(Caller.TENANT_HASH) == null) {
            return Uni.createFrom().item(response);
        }
        return audit.record(Caller.of(identity), "access.denied", "http-route", path(uri), AuditEvent.Outcome.DENIED,
                        AuditDetails.none())
                .onFailure().recoverWithNull()
                .replaceWith(response);
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
        MismatchedInputException.class, InvalidFormatException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        JsonLocation where = e.getLocation();
        String detail = where == null
                ? "The request body is not valid JSON for this endpoint."
                : "The request body is not valid JSON for this endpoint (line %d, column %d)."
                        .formatted(where.getLineNr(), where.getColumnNr());
        return respond(problems.problem(ProblemKind.MALFORMED_JSON, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        boolean ours = e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue);
        if (ours) {
            LOG.errorf("a response failed its own validation: %s", FailureSummary.withFrames(e, 8));
            return respond(ProblemKind.INTERNAL, uri);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return respond(problems.problem(ProblemKind.VALIDATION, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemKind kind = ProblemKind.forStatus(status);
        if (status >= 500) {
            LOG.errorf("request failed: %s", FailureSummary.withFrames(e, 8));
        }
        return respond(problems.problem(kind, RouterProblems.detailOf(kind), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        // the exception's message can quote request values or a failing row: types and frames only
        LOG.errorf("unhandled failure: %s", FailureSummary.withFrames(e, 8));
        return respond(ProblemKind.INTERNAL, uri);
    }

    private Response respond(ProblemKind kind, UriInfo uri) {
        return respond(problems.problem(kind, RouterProblems.detailOf(kind), path(uri), List.of()));
    }

    private Response respond(Problem problem) {
        return problems.response(problem);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code create.body.message} becomes {@code body.message}: the method name means nothing to a caller, the
     * parameter and property names do.
     */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.isInIterable() && !names.isEmpty()) {
                // the element position belongs to the container named before this node: items[2].name
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                names.set(names.size() - 1, names.getLast() + "[" + position + "]");
            }
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? "request" : String.join(".", names);
    }
}
