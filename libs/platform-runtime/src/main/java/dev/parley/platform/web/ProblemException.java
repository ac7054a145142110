package dev.parley.platform.web;

import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import java.util.List;

/**
 * Thrown by a service to answer with a specific problem; {@code detail} is shown to the caller as it is, so it
 * must never carry personal data, SQL or internal names.
 */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, List.of());
    }

    public ProblemException(ProblemKind kind, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
