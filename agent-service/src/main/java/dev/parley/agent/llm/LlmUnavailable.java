package dev.parley.agent.llm;

/**
 * The language model could not answer this call. The turn then answers from data, or degrades honestly with
 * confidence {@code low}. The message names the reason, never the prompt or any personal data.
 */
public class LlmUnavailable extends RuntimeException {

    /** Why the model did not answer. */
    public enum Reason {
        /** No base URL configured: the model is off. */
        NOT_CONFIGURED,
        /** The circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** The model stayed silent longer than {@code parley.agent.llm.timeout}. */
        TIMEOUT,
        /** No connection, or a 429 or 5xx answer (after the retries). */
        UPSTREAM_ERROR,
        /** The model refused the request (a 4xx other than 429): configuration or request at fault, not retried. */
        REJECTED,
        /** A streamed answer broke off before its end. */
        STREAM_BROKEN,
        /** The caller cancelled (the client went away). */
        CANCELLED
    }

    private final Reason reason;
    private final int status;
    private final boolean retryable;

    public LlmUnavailable(Reason reason, String message) {
        this(reason, message, 0, false, null);
    }

    LlmUnavailable(Reason reason, String message, int status, boolean retryable, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
        this.status = status;
        this.retryable = retryable;
    }

    public Reason reason() {
        return reason;
    }

    /** The upstream's HTTP status when it answered with one, else 0. */
    public int status() {
        return status;
    }

    /** Whether another attempt may succeed and nothing of this one was shown yet. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether this failure says something about the model's health (and so counts for the circuit breaker). */
    public boolean countsAgainstModel() {
        return switch (reason) {
            case TIMEOUT, UPSTREAM_ERROR, STREAM_BROKEN -> true;
            case NOT_CONFIGURED, CIRCUIT_OPEN, REJECTED, CANCELLED -> false;
        };
    }
}
