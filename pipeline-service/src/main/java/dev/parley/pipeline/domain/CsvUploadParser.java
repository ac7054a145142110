package dev.parley.pipeline.domain;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an upload with FastCSV, one row at a time, and checks it against its kind's columns: the whole upload is
 * refused ({@link CsvRefusal}) for a bad header, a row with more cells than the header, more rows than the cap or a
 * cell that a spreadsheet would run as a formula; a row whose key is empty or whose date, integer or decimal does
 * not parse is a row error ({@link CsvRowError}); every other row goes to the sink, in file order, while the parser
 * moves on. Nothing but the current row is held; repeated keys are only suspected here (see {@link CsvKeySet}).
 */
public final class CsvUploadParser {

    /** Takes each valid row: one value per column of the kind, in its order, null for an empty cell. */
    @FunctionalInterface
    public interface RowSink {
        void accept(long line, String[] values);
    }

    /**
     * @param maxRows data rows one upload may hold (more: 413)
     * @param maxColumns cells a row may have (more: 400)
     * @param reportedErrors row errors listed (the count covers all)
     * @param maxCellChars the longest cell FastCSV buffers; longer is refused
     */
    public record Limits(int maxRows, int maxColumns, int reportedErrors, int maxCellChars) {}

    /**
     * @param rowsTotal data rows read (empty lines are not rows)
     * @param rowsValid rows handed to the sink
     * @param rowsRejected rows with at least one error
     * @param errorCount errors in all
     * @param errors the first {@code reportedErrors} errors, by line
     * @param repeatSuspects lines of valid rows whose key hash was seen on an earlier valid row, ascending
     */
    public record Result(long rowsTotal, long rowsValid, long rowsRejected, long errorCount, List<CsvRowError> errors,
            long[] repeatSuspects) {}

    /** Cells that spreadsheets run as formulas (OWASP CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** Header names echoed in a problem: anything else is named by its position. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_ .-]{1,64}");

    private CsvUploadParser() {}

    public static Result parse(Reader text, CsvSchema schema, Limits limits, RowSink sink) {
        Cells cells = new Cells(limits.maxColumns() + 1);
        CsvReader<Cells> reader = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .maxBufferSize(limits.maxCellChars())
                .build(cells, text);
        var rows = reader.iterator();
        try {
            if (!rows.hasNext()) {
                throw CsvRefusal.malformed(1, null, "the upload is empty; a header row is required.");
            }
            int[] columnOf = header(rows.next(), schema, limits);
            return rows(rows, cells, columnOf, schema, limits, sink);
        } catch (CsvParseException e) {
            throw refusalOf(e, cells.line);
        }
    }

    /** The schema column of each header cell. */
    private static int[] header(Cells header, CsvSchema schema, Limits limits) {
        long line = header.line;
        if (header.count > limits.maxColumns()) {
            throw CsvRefusal.malformed(line, null, "the header has " + header.count + " columns; at most "
                    + limits.maxColumns() + " are allowed.");
        }
        List<CsvColumn> columns = schema.columns();
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.put(columns.get(i).name(), i);
        }
        int[] columnOf = new int[header.count];
        boolean[] seen = new boolean[columns.size()];
        for (int i = 0; i < header.count; i++) {
            String name = header.fields[i].strip();
            Integer column = byName.get(name);
            if (column == null) {
                String named = SAFE_NAME.matcher(name).matches() ? "'" + name + "'" : "(header cell " + (i + 1) + ")";
                throw CsvRefusal.malformed(line, null, "unknown column " + named + "; a " + schema.kind()
                        + " upload has the columns " + names(columns) + ".");
            }
            if (seen[column]) {
                throw CsvRefusal.malformed(line, name, "the column appears more than once in the header.");
            }
            seen[column] = true;
            columnOf[i] = column;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!seen[i] && columns.get(i).required()) {
                missing.add(columns.get(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw CsvRefusal.malformed(line, null, "the header misses the column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ".");
        }
        return columnOf;
    }

    private static Result rows(java.util.Iterator<Cells> rows, Cells cells, int[] columnOf, CsvSchema schema,
            Limits limits, RowSink sink) {
        List<CsvColumn> columns = schema.columns();
        int width = columnOf.length;
        List<CsvRowError> errors = new ArrayList<>();
        CsvKeySet keys = new CsvKeySet();
        long[] suspects = new long[16];
        int suspectCount = 0;
        long total = 0;
        long valid = 0;
        long rejected = 0;
        long errorCount = 0;
        List<CsvRowError> rowErrors = new ArrayList<>(4);
        while (rows.hasNext()) {
            Cells row = rows.next();
            long line = row.line;
            if (++total > limits.maxRows()) {
                throw CsvRefusal.tooLarge(line, "the upload has more than " + limits.maxRows() + " rows.");
            }
            if (row.count > width) {
                throw CsvRefusal.malformed(line, null, "the row has " + row.count + " cells, the header "
                        + width + ".");
            }
            rowErrors.clear();
            String[] values = new String[columns.size()];
            if (row.count < width) {
                rowErrors.add(new CsvRowError(line, null, "the row has " + row.count + " cells, the header "
                        + width + "."));
            } else {
                for (int i = 0; i < width; i++) {
                    CsvColumn column = columns.get(columnOf[i]);
                    String error = cell(row.fields[i], column, columnOf[i] == 0, line, values, columnOf[i]);
                    if (error != null) {
                        rowErrors.add(new CsvRowError(line, column.name(), error));
                    }
                }
            }
            if (!rowErrors.isEmpty()) {
                rejected++;
                errorCount += rowErrors.size();
                for (CsvRowError e : rowErrors) {
                    if (errors.size() < limits.reportedErrors()) {
                        errors.add(e);
                    }
                }
                continue;
            }
            if (!keys.add(values[0])) {
                if (suspectCount == suspects.length) {
                    suspects = Arrays.copyOf(suspects, suspectCount * 2);
                }
                suspects[suspectCount++] = line;
            }
            sink.accept(line, values);
            valid++;
        }
        return new Result(total, valid, rejected, errorCount, List.copyOf(errors),
                Arrays.copyOf(suspects, suspectCount));
    }

    /** Reads one cell into {@code values[index]}; returns what is wrong with it, or null. */
    private static String cell(String raw, CsvColumn column, boolean key, long line, String[] values, int index) {
        if (column.type() == CsvType.TEXT) {
            if (!raw.isEmpty() && FORMULA_STARTS.indexOf(raw.charAt(0)) >= 0) {
                throw CsvRefusal.malformed(line, column.name(), "the cell starts with " + describe(raw.charAt(0))
                        + ", which spreadsheets run as a formula (CSV injection); remove it or upload the value "
                        + "without it.");
            }
            if (key && raw.isBlank()) {
                return "the key is empty.";
            }
            if (column.maxLength() > 0 && raw.length() > column.maxLength()) {
                return "is longer than " + column.maxLength() + " characters.";
            }
            values[index] = raw.isEmpty() ? null : raw;
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return key ? "the key is empty." : null;
        }
        String error = switch (column.type()) {
            case DATE -> isDate(value) ? null : "is not a date (YYYY-MM-DD).";
            case INTEGER -> isInteger(value) ? null : "is not an integer.";
            case DECIMAL -> decimalError(value, column.precision(), column.scale());
            case TEXT -> throw new IllegalStateException();
        };
        if (error == null) {
            values[index] = value;
        }
        return error;
    }

    private static String describe(char c) {
        return switch (c) {
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            default -> "'" + c + "'";
        };
    }

    /** {@code YYYY-MM-DD}, a real day of the years 0001 to 9999. */
    static boolean isDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 1 || month < 0 || day < 0) {
            return false;
        }
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** An optionally signed 32-bit integer in plain digits. */
    static boolean isInteger(String s) {
        int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        int length = s.length() - start;
        if (length < 1 || length > 10) {
            return false;
        }
        long n = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + (c - '0');
        }
        return start == 1 && s.charAt(0) == '-' ? -n >= Integer.MIN_VALUE : n <= Integer.MAX_VALUE;
    }

    /** Why {@code s} is not a plain decimal fitting {@code numeric(precision, scale)}, or null. */
    static String decimalError(String s, int precision, int scale) {
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        int integerDigits = 0;
        int significant = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                if (point) {
                    fractionDigits++;
                } else {
                    integerDigits++;
                    if (significant > 0 || c != '0') {
                        significant++;
                    }
                }
            } else {
                return "is not a decimal number.";
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return "is not a decimal number.";
        }
        if (fractionDigits > scale) {
            return "has more than " + scale + " decimal places.";
        }
        if (significant > precision - scale) {
            return "is too large (at most " + (precision - scale) + " digits before the point).";
        }
        return null;
    }

    private static String names(List<CsvColumn> columns) {
        return String.join(", ", columns.stream().map(CsvColumn::name).toList());
    }

    /** FastCSV's own failures, without echoing any of the data. */
    private static CsvRefusal refusalOf(CsvParseException e, long line) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CsvRefusal refusal) {
                return refusal;
            }
            if (cause instanceof java.io.UncheckedIOException io) {
                throw io;
            }
        }
        String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        String what;
        if (message.contains("closing quote")) {
            what = "a quoted cell has characters after its closing quote.";
        } else if (message.contains("buffer size") || message.contains("max field size")
                || message.contains("max record size")) {
            what = "a cell is too long, or a quote is never closed.";
        } else if (message.contains("fields")) {
            what = "the row has too many cells.";
        } else {
            what = "the CSV is malformed.";
        }
        return CsvRefusal.malformed(line, null, what);
    }

    /** The cells of the current record, reused from row to row. */
    private static final class Cells extends AbstractBaseCsvCallbackHandler<Cells> {
        final String[] fields;
        int count;
        long line = 1;

        Cells(int max) {
            this.fields = new String[max];
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = startingLineNumber;
            count = 0;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            if (fieldIdx < fields.length) {
                fields[fieldIdx] = new String(buf, offset, len);
            }
            count = fieldIdx + 1;
        }

        @Override
        protected Cells buildRecord() {
            return this;
        }
    }
}
