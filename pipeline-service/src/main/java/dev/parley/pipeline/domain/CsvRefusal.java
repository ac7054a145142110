package dev.parley.pipeline.domain;

import dev.parley.contracts.problem.ProblemKind;

/**
 * Why a whole upload is refused (nothing of it is stored): the body is too large, not UTF-8, holds a NUL byte, has
 * a bad header, too many cells or rows, or a cell that a spreadsheet would run as a formula. The detail names the
 * line (and column) and never echoes a cell.
 */
public final class CsvRefusal extends RuntimeException {

    private final ProblemKind kind;
    private final long line;
    private final String column;

    public CsvRefusal(ProblemKind kind, long line, String column, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.line = line;
        this.column = column;
    }

    /** A 400 refusal at {@code line}. */
    public static CsvRefusal malformed(long line, String column, String what) {
        return new CsvRefusal(ProblemKind.BAD_REQUEST, line, column, at(line, column) + what);
    }

    /** A 413 refusal at {@code line}. */
    public static CsvRefusal tooLarge(long line, String what) {
        return new CsvRefusal(ProblemKind.PAYLOAD_TOO_LARGE, line, null, at(line, null) + what);
    }

    private static String at(long line, String column) {
        return column == null ? "Line " + line + ": " : "Line " + line + ", column " + column + ": ";
    }

    public ProblemKind kind() {
        return kind;
    }

    /** The line, 0 when the refusal is about the body as a whole (a declared length). */
    public long line() {
        return line;
    }

    public String column() {
        return column;
    }

    /** Where, as a problem's {@code errors[].field}. */
    public String where() {
        return new CsvRowError(line, column, "").where();
    }
}
