package dev.parley.pipeline.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The upload kinds and their columns, as the README's "Data formats (uploads)" lists them. The first column is the
 * key: it must not be empty and must not repeat within a file or a workspace.
 */
public enum CsvSchema {
    MEDICAL("medical_claim", List.of(
            CsvColumn.text("claim_id"),
            CsvColumn.text("member_id"),
            CsvColumn.text("provider_npi"),
            CsvColumn.date("service_date"),
            CsvColumn.text("cpt_code"),
            CsvColumn.integer("units"),
            CsvColumn.decimal("amount_billed", 12, 2),
            CsvColumn.text("diagnosis_code"),
            CsvColumn.text("place_of_service"))),
    PHARMACY("pharmacy_claim", List.of(
            CsvColumn.text("claim_id"),
            CsvColumn.text("member_id"),
            CsvColumn.text("pharmacy_npi"),
            CsvColumn.text("prescriber_npi"),
            CsvColumn.date("fill_date"),
            CsvColumn.text("ndc_code"),
            CsvColumn.decimal("quantity", 12, 3),
            CsvColumn.integer("days_supply"),
            CsvColumn.decimal("amount_billed", 12, 2))),
    PROVIDERS("provider", List.of(
            // char(10) in the database: longer is a type error; whether it is a valid NPI is the quality gate's call
            CsvColumn.text("npi", 10),
            CsvColumn.text("name"),
            CsvColumn.text("specialty"),
            CsvColumn.text("state", 2))),
    MEMBERS("member", List.of(
            CsvColumn.text("member_id"),
            // at most 256 characters (a row error beyond), so a batch stays well within compliance's 1 MB body limit
            CsvColumn.text("first_name", 256).encryptedAs("member.firstName"),
            CsvColumn.text("last_name", 256).encryptedAs("member.lastName"),
            CsvColumn.date("date_of_birth").encryptedAs("member.dateOfBirth"),
            CsvColumn.date("coverage_end").optional()));

    private final String table;
    private final List<CsvColumn> columns;

    CsvSchema(String table, List<CsvColumn> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** The kind named {@code name} ({@code medical}, ...), if there is one. */
    public static Optional<CsvSchema> of(String name) {
        for (CsvSchema schema : values()) {
            if (schema.kind().equals(name)) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }

    /** The kind as the API and the {@code upload.kind} column name it. */
    public String kind() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The table the rows go to. */
    public String table() {
        return table;
    }

    /** The columns in their canonical order; the first is the key. */
    public List<CsvColumn> columns() {
        return columns;
    }

    public CsvColumn key() {
        return columns.get(0);
    }

    /** Whether some column is encrypted through compliance-service before it is stored. */
    public boolean encrypts() {
        return columns.stream().anyMatch(c -> c.encryptedField() != null);
    }
}
