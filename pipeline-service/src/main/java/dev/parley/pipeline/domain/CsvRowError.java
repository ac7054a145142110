package dev.parley.pipeline.domain;

/**
 * What is wrong with one cell or row of an upload. The message names the problem, never the cell's value: a cell
 * can hold a name or a date of birth.
 *
 * @param line the physical line the row starts on (the header is line 1)
 * @param column the header name, or null when the row as a whole is wrong
 */
public record CsvRowError(long line, String column, String message) {

    /** Where the error is, as a problem's {@code errors[].field}: {@code line 17, column units}. */
    public String where() {
        return column == null ? "line " + line : "line " + line + ", column " + column;
    }
}
