package dev.parley.audit.domain;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of the audit API, checked: an invalid one is a 400 problem naming every bad field.
 * Text filters match exactly; {@code from} is inclusive and {@code to} exclusive, on {@code occurredAt}.
 */
public record AuditFilter(String action, String actor, String resourceType, String resourceId, String outcome,
        Instant from, Instant to, Long beforeSeq, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final Set<String> OUTCOMES = Set.of("success", "denied", "error");
    private static final int MAX_TEXT = 200;

    public static AuditFilter parse(String action, String actor, String resourceType, String resourceId,
            String outcome, String from, String to, String cursor, String limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        checkText("action", action, errors);
        checkText("actor", actor, errors);
        checkText("resourceType", resourceType, errors);
        checkText("resourceId", resourceId, errors);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            errors.add(new Problem.FieldError("outcome", "must be one of success, denied, error"));
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        Long before = cursor == null ? null : decodeCursor(cursor, errors);
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
                if (size < 1 || size > MAX_LIMIT) {
                    errors.add(new Problem.FieldError("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("limit", "must be a whole number"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    errors.size() == 1 ? "1 parameter is invalid." : errors.size() + " parameters are invalid.", errors);
        }
        return new AuditFilter(action, actor, resourceType, resourceId, outcome, fromInstant, toInstant, before, size);
    }

    /** The cursor that continues after the record {@code seq} (pages go from newest to oldest). */
    public static String cursorAfter(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("seq:" + seq).getBytes(StandardCharsets.US_ASCII));
    }

    private static Long decodeCursor(String cursor, List<Problem.FieldError> errors) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith("seq:")) {
                long seq = Long.parseLong(text.substring(4));
                if (seq > 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        errors.add(new Problem.FieldError("cursor", "is not a cursor this API returned"));
        return null;
    }

    private static Instant instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2026-11-21T10:15:30Z"));
            return null;
        }
    }

    private static void checkText(String field, String value, List<Problem.FieldError> errors) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT)) {
            errors.add(new Problem.FieldError(field, "must be 1 to " + MAX_TEXT + " characters"));
        }
    }
}
