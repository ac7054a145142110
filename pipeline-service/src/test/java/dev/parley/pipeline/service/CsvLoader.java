package dev.parley.pipeline.service;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.parley.synth.ClaimsGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads the generator's four CSV files into a workspace with JDBC {@code COPY}: what an upload stores, without the
 * upload's checks (the real endpoint is elsewhere). Member names and dates of birth are not stored (placeholders
 * stand for the ciphertexts); an empty cell is NULL.
 */
final class CsvLoader {

    private static final int CHUNK = 1 << 20;

    private CsvLoader() {}

    /** Rows copied per file, in the order providers, members, medical, pharmacy. */
    static List<Long> load(Fixture f, Path dir) throws IOException, SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            List<Long> counts = new ArrayList<>();
            counts.add(copy(connection, f, dir.resolve(ClaimsGenerator.PROVIDERS_FILE), "provider",
                    List.of("npi", "name", "specialty", "state")));
            counts.add(copy(connection, f, dir.resolve(ClaimsGenerator.MEMBERS_FILE), "member",
                    List.of("member_id", "first_name_enc=enc", "last_name_enc=enc", "date_of_birth_enc=enc", "coverage_end")));
            counts.add(copy(connection, f, dir.resolve(ClaimsGenerator.MEDICAL_FILE), "medical_claim",
                    List.of("claim_id", "member_id", "provider_npi", "service_date", "cpt_code", "units", "amount_billed",
                            "diagnosis_code", "place_of_service")));
            counts.add(copy(connection, f, dir.resolve(ClaimsGenerator.PHARMACY_FILE), "pharmacy_claim",
                    List.of("claim_id", "member_id", "pharmacy_npi", "prescriber_npi", "fill_date", "ndc_code", "quantity",
                            "days_supply", "amount_billed")));
            return counts;
        }
    }

    /**
     * Copies one file: each listed column from the CSV column of its name, or {@code column=value} a constant; then
     * ws_key and upload_id.
     */
    private static long copy(Connection connection, Fixture f, Path csv, String table, List<String> columns)
            throws IOException, SQLException {
        List<String> names = columns.stream().map(c -> c.split("=", 2)[0]).toList();
        String sql = "COPY " + table + " (" + String.join(", ", names) + ", ws_key, upload_id) FROM STDIN WITH (FORMAT csv)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        String tail = "," + f.wsKey + "," + Fixture.UPLOAD + "\n";
        StringBuilder chunk = new StringBuilder(CHUNK + 4096);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            int[] sources = null;
            for (CsvRecord record : reader) {
                if (sources == null) {
                    List<String> header = record.getFields().stream().map(String::strip).toList();
                    sources = columns.stream().mapToInt(c -> c.contains("=") ? -1 : header.indexOf(c)).toArray();
                    for (int i = 0; i < sources.length; i++) {
                        if (sources[i] == -1 && !columns.get(i).contains("=")) {
                            throw new IllegalStateException(csv + " has no column " + columns.get(i));
                        }
                    }
                    continue;
                }
                for (int i = 0; i < sources.length; i++) {
                    if (i > 0) {
                        chunk.append(',');
                    }
                    String value = sources[i] < 0 ? columns.get(i).split("=", 2)[1] : record.getField(sources[i]);
                    if (!value.isEmpty()) {
                        chunk.append('"').append(value.replace("\"", "\"\"")).append('"');
                    }
                }
                chunk.append(tail);
                if (chunk.length() >= CHUNK) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            return copy.endCopy();
        } catch (IOException | SQLException | RuntimeException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e;
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }
}
