package dev.parley.platform.logging;

import java.sql.SQLException;

/**
 * A failure described for a log line without its message: database errors quote the rows they failed on ("Failing
 * row contains (...)"), and those rows can hold data that must not reach the logs. The exception types along the
 * cause chain and the SQLSTATE say what went wrong well enough to act on.
 */
public final class FailureSummary {

    private static final int MAX_DEPTH = 5;

    private FailureSummary() {}

    /** {@code PgException[23502] <- CompletionException}: types from the root cause up, SQLSTATE where known. */
    public static String of(Throwable failure) {
        StringBuilder summary = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
            String part = current.getClass().getSimpleName() + sqlState(current);
            summary.insert(0, summary.isEmpty() ? part : part + " <- ");
            if (current.getCause() == current) {
                break;
            }
        }
        return summary.toString();
    }

    /**
     * {@link #of} and where the root cause was thrown (its top {@code frames} stack frames): enough to find the bug,
     * with no exception message, so a failing row or request value cannot reach the log.
     */
    public static String withFrames(Throwable failure, int frames) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_DEPTH; depth++) {
            root = root.getCause();
        }
        StringBuilder summary = new StringBuilder(of(failure));
        StackTraceElement[] trace = root.getStackTrace();
        for (int i = 0; i < Math.min(frames, trace.length); i++) {
            summary.append("\n\tat ").append(trace[i]);
        }
        return summary.toString();
    }

    private static String sqlState(Throwable failure) {
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            return "[" + sql.getSQLState() + "]";
        }
        // the reactive client's PgException has getSqlState(); reached by name so this class needs no driver
        try {
            Object state = failure.getClass().getMethod("getSqlState").invoke(failure);
            return state == null ? "" : "[" + state + "]";
        } catch (ReflectiveOperationException | RuntimeException none) {
            return "";
        }
    }
}
