package dev.parley.synth;

import java.io.IOException;
import java.io.Writer;

/**
 * Rows of an upload file: comma-separated, RFC 4180 quoting, {@code \n} line ends. A cell starting with a character
 * the upload refuses as CSV injection is a bug of the generator and fails it.
 */
final class CsvWriter {

    private final Writer out;
    private final StringBuilder row = new StringBuilder(160);
    private boolean firstCell = true;
    private long rows;

    CsvWriter(Writer out, String... header) throws IOException {
        this.out = out;
        for (String name : header) {
            text(name);
        }
        endRow();
        rows = 0;
    }

    CsvWriter text(String value) {
        separate();
        if (value.isEmpty()) {
            return this;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            throw new IllegalStateException("cell would be refused as CSV injection: " + value);
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            row.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            row.append(value);
        }
        return this;
    }

    CsvWriter number(long value) {
        separate();
        row.append(value);
        return this;
    }

    /** An amount of cents as a decimal with two places: 12345 -> 123.45. */
    CsvWriter cents(long cents) {
        separate();
        if (cents < 0) {
            row.append('-');
            cents = -cents;
        }
        row.append(cents / 100).append('.');
        long fraction = cents % 100;
        if (fraction < 10) {
            row.append('0');
        }
        row.append(fraction);
        return this;
    }

    void endRow() throws IOException {
        row.append('\n');
        out.append(row);
        row.setLength(0);
        firstCell = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    void flush() throws IOException {
        out.flush();
    }

    private void separate() {
        if (!firstCell) {
            row.append(',');
        }
        firstCell = false;
    }
}
