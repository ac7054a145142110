package dev.parley.audit.domain;

/**
 * RFC 4180 CSV cells that a spreadsheet will not execute: a cell starting with {@code = + - @}, tab or carriage
 * return is prefixed with a single quote (OWASP's CSV-injection advice), then quoted when it holds a comma, quote or
 * line break.
 */
public final class CsvCells {

    private CsvCells() {}

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
