package dev.parley.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response of every Parley service.
 *
 * <p>{@code type} is a stable URI naming the kind of problem ({@code about:blank} when the HTTP status says it
 * all); {@code detail} is written for the caller and never carries a stack trace, SQL or host name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Base of Parley's own problem type URIs. */
    public static final String TYPE_BASE = "https://parley.dev/problems/";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    /** One invalid input field: where it is ({@code body.message}, {@code query.limit}) and what is wrong. */
    public record FieldError(String field, String message) {}

    /** A problem with the given status whose type is Parley's {@code slug} type. */
    public static Problem of(int status, String slug, String title, String detail, String instance, String requestId) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, requestId, null);
    }

    /** The same problem with a list of invalid fields. */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors);
    }
}
