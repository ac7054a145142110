package dev.parley.pipeline.domain;

/**
 * One column of an upload kind.
 *
 * @param name the header name (and the column of the staging table)
 * @param type how its cells are read
 * @param required whether the header must be present
 * @param maxLength the longest text the database column holds, 0 when unbounded
 * @param precision digits of a {@link CsvType#DECIMAL} in total
 * @param scale digits of a {@link CsvType#DECIMAL} after the point
 * @param encryptedField the compliance-service field a value is encrypted as before it is stored, or null when it is
 *     stored as it is; its database column is {@code <name>_enc}
 */
public record CsvColumn(String name, CsvType type, boolean required, int maxLength, int precision, int scale,
        String encryptedField) {

    static CsvColumn text(String name) {
        return new CsvColumn(name, CsvType.TEXT, true, 0, 0, 0, null);
    }

    static CsvColumn text(String name, int maxLength) {
        return new CsvColumn(name, CsvType.TEXT, true, maxLength, 0, 0, null);
    }

    static CsvColumn date(String name) {
        return new CsvColumn(name, CsvType.DATE, true, 0, 0, 0, null);
    }

    static CsvColumn integer(String name) {
        return new CsvColumn(name, CsvType.INTEGER, true, 0, 0, 0, null);
    }

    static CsvColumn decimal(String name, int precision, int scale) {
        return new CsvColumn(name, CsvType.DECIMAL, true, 0, precision, scale, null);
    }

    CsvColumn optional() {
        return new CsvColumn(name, type, false, maxLength, precision, scale, encryptedField);
    }

    CsvColumn encryptedAs(String field) {
        return new CsvColumn(name, type, required, maxLength, precision, scale, field);
    }

    /** The column of the target table that holds this one's values. */
    public String storedColumn() {
        return encryptedField == null ? name : name + "_enc";
    }

    /** The SQL type of the staging column. */
    public String stagingType() {
        if (encryptedField != null) {
            return "text";
        }
        return switch (type) {
            case TEXT -> "text";
            case DATE -> "date";
            case INTEGER -> "integer";
            case DECIMAL -> "numeric(" + precision + ", " + scale + ")";
        };
    }
}
