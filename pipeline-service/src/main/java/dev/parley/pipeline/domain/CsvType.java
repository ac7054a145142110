package dev.parley.pipeline.domain;

/**
 * How a CSV column's cells are read. Text cells are stored as written and checked for spreadsheet formulas; the
 * others are parsed (surrounding blanks ignored), so {@code -12.50} is a number, not a formula.
 */
public enum CsvType {
    /** Free text; {@code maxLength} of its {@link CsvColumn} bounds it when the database type does. */
    TEXT,
    /** {@code YYYY-MM-DD}, years 0001 to 9999. */
    DATE,
    /** A 32-bit integer, optionally signed. */
    INTEGER,
    /** A plain decimal ({@code 125.00}, {@code -12.5}): no exponent, within the column's precision and scale. */
    DECIMAL
}
