package dev.parley.pipeline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.problem.ProblemKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser and validator on its own: what is a row, a row error or a refusal of the whole upload. */
class CsvUploadParserTest {

    private static final String MEDICAL =
            "claim_id,member_id,provider_npi,service_date,cpt_code,units,amount_billed,diagnosis_code,place_of_service\n";
    private static final CsvUploadParser.Limits LIMITS = new CsvUploadParser.Limits(1000, 64, 3, 1024);

    private record Row(long line, List<String> values) {}

    private final List<Row> rows = new ArrayList<>();

    private CsvUploadParser.Result parse(CsvSchema schema, String csv) {
        return parse(schema, csv, LIMITS);
    }

    private CsvUploadParser.Result parse(CsvSchema schema, String csv, CsvUploadParser.Limits limits) {
        CsvInput input = new CsvInput(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return CsvUploadParser.parse(input, schema, limits, (line, values) -> rows.add(new Row(line, List.of(nullsAsMarks(values)))));
    }

    private static String[] nullsAsMarks(String[] values) {
        String[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = copy[i] == null ? "<null>" : copy[i];
        }
        return copy;
    }

    private CsvRefusal refusal(CsvSchema schema, String csv) {
        try {
            parse(schema, csv);
        } catch (CsvRefusal refusal) {
            return refusal;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void validRowsComeOutInSchemaOrderWithNullsForEmptyCells() {
        CsvUploadParser.Result result = parse(CsvSchema.MEDICAL,
                " units ,claim_id,member_id,provider_npi,service_date,cpt_code,amount_billed,diagnosis_code,place_of_service\r\n"
                        + " 3 ,C1,M1,,2024-02-29,99213,-12.50,\"E11.9, x\",\n"
                        + "\n"
                        + "1,\"multi\nline\",M2,1234567893,2024-01-01,99214,+7,E1,11\n");
        assertThat(result.rowsTotal()).isEqualTo(2);
        assertThat(result.rowsValid()).isEqualTo(2);
        assertThat(result.errorCount()).isZero();
        assertThat(rows).containsExactly(
                new Row(2, List.of("C1", "M1", "<null>", "2024-02-29", "99213", "3", "-12.50", "E11.9, x", "<null>")),
                new Row(4, List.of("multi\nline", "M2", "1234567893", "2024-01-01", "99214", "1", "+7", "E1", "11")));
    }

    @Test
    void typeErrorsAreRowErrorsNamingLineAndColumnWithoutTheValue() {
        CsvUploadParser.Result result = parse(CsvSchema.MEDICAL, MEDICAL
                + "C1,M1,N,2023-02-29,99213,1,1.00,D,P\n"       // 2: not a day
                + "C2,M1,N,01/02/2024,99213,1.5,1e3,D,P\n"      // 3: date, integer, decimal
                + "C3,M1,N,2024-01-01,99213,99999999999,12345678901.00,D,P\n" // 4: int range, too large
                + "C4,M1,N,2024-01-01,99213,1,1.00,D,P\n");     // 5: fine
        assertThat(result.rowsTotal()).isEqualTo(4);
        assertThat(result.rowsValid()).isEqualTo(1);
        assertThat(result.rowsRejected()).isEqualTo(3);
        assertThat(result.errorCount()).isEqualTo(6);
        assertThat(result.errors()).as("the first three (the limit)").containsExactly(
                new CsvRowError(2, "service_date", "is not a date (YYYY-MM-DD)."),
                new CsvRowError(3, "service_date", "is not a date (YYYY-MM-DD)."),
                new CsvRowError(3, "units", "is not an integer."));
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).doesNotContain("01/02", "1.5"));
        assertThat(rows).extracting(Row::line).containsExactly(5L);
    }

    @Test
    void decimalsMustFitTheirColumn() {
        assertThat(CsvUploadParser.decimalError("125.00", 12, 2)).isNull();
        assertThat(CsvUploadParser.decimalError("-12.5", 12, 2)).isNull();
        assertThat(CsvUploadParser.decimalError(".5", 12, 2)).isNull();
        assertThat(CsvUploadParser.decimalError("0000000000001.5", 12, 2)).as("leading zeros are not digits").isNull();
        assertThat(CsvUploadParser.decimalError("9999999999.99", 12, 2)).isNull();
        assertThat(CsvUploadParser.decimalError("10000000000", 12, 2)).startsWith("is too large");
        assertThat(CsvUploadParser.decimalError("1.234", 12, 2)).isEqualTo("has more than 2 decimal places.");
        assertThat(CsvUploadParser.decimalError("1.234", 12, 3)).isNull();
        for (String bad : new String[] {"1e3", "1,5", "--1", "1.2.3", ".", "-", "NaN", "12 "}) {
            assertThat(CsvUploadParser.decimalError(bad, 12, 2)).as(bad).isEqualTo("is not a decimal number.");
        }
        assertThat(CsvUploadParser.isInteger("-2147483648")).isTrue();
        assertThat(CsvUploadParser.isInteger("2147483648")).isFalse();
        assertThat(CsvUploadParser.isInteger("+7")).isTrue();
        assertThat(CsvUploadParser.isInteger("-")).isFalse();
        assertThat(CsvUploadParser.isDate("2024-02-29")).isTrue();
        assertThat(CsvUploadParser.isDate("0000-01-01")).as("PostgreSQL has no year 0").isFalse();
        assertThat(CsvUploadParser.isDate("2024-13-01")).isFalse();
        assertThat(CsvUploadParser.isDate("2024-1-01")).isFalse();
        assertThat(CsvUploadParser.isDate("+2024-01-0")).isFalse();
    }

    @Test
    void anEmptyKeyAndTooFewCellsAreRowErrors() {
        CsvUploadParser.Result result = parse(CsvSchema.PROVIDERS, "npi,name,specialty,state\n"
                + "  ,A,B,CA\n"
                + "1234567893,A\n"
                + "12345678901,A,B,CAL\n");
        assertThat(result.rowsValid()).isZero();
        assertThat(result.errors()).containsExactly(
                new CsvRowError(2, "npi", "the key is empty."),
                new CsvRowError(3, null, "the row has 2 cells, the header 4."),
                new CsvRowError(4, "npi", "is longer than 10 characters."));
        assertThat(result.errorCount()).isEqualTo(4);
    }

    @Test
    void repeatedKeysAreSuspectedForTheDatabaseToConfirm() {
        CsvUploadParser.Result result = parse(CsvSchema.PROVIDERS, "npi,name,specialty,state\n"
                + "1,A,B,CA\n2,A,B,CA\n1,A,B,CA\n3,A,B,CA\n1,A,B,CA\n");
        assertThat(result.rowsValid()).as("repeats are staged; the loader marks them").isEqualTo(5);
        assertThat(result.repeatSuspects()).containsExactly(4, 6);
    }

    @Test
    void headerProblemsRefuseTheUpload() {
        assertThat(refusal(CsvSchema.PROVIDERS, "npi,name,state\n1,A,CA\n").getMessage())
                .isEqualTo("Line 1: the header misses the column specialty.");
        assertThat(refusal(CsvSchema.PROVIDERS, "npi,name,state\n").getMessage())
                .isEqualTo("Line 1: the header misses the column specialty.");
        assertThat(refusal(CsvSchema.MEMBERS, "member_id,first_name\n").getMessage())
                .as("coverage_end is optional").isEqualTo("Line 1: the header misses the columns last_name, date_of_birth.");
        CsvRefusal unknown = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state,ssn\n");
        assertThat(unknown.getMessage()).startsWith("Line 1: unknown column 'ssn'; a providers upload has the columns npi, name");
        assertThat(unknown.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
        assertThat(refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state,Jane Roe <jane@x>\n").getMessage())
                .as("a header that is not a plain name is not echoed").startsWith("Line 1: unknown column (header cell 5)");
        CsvRefusal repeated = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state, name \n");
        assertThat(repeated.getMessage()).isEqualTo("Line 1, column name: the column appears more than once in the header.");
        assertThat(repeated.where()).isEqualTo("line 1, column name");
        assertThat(refusal(CsvSchema.PROVIDERS, "").getMessage()).startsWith("Line 1: the upload is empty");
        assertThat(refusal(CsvSchema.PROVIDERS, "\n\n").getMessage()).startsWith("Line 1: the upload is empty");
        assertThat(refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state" + ",x".repeat(61) + "\n").getMessage())
                .isEqualTo("Line 1: the header has 65 columns; at most 64 are allowed.");
    }

    @Test
    void formulasInTextCellsRefuseTheUploadButNumbersMayBeNegative() {
        for (String start : new String[] {"=", "+", "-", "@", "\t", "\r"}) {
            CsvRefusal refusal = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state\n1,A,B,CA\n2,\"" + start + "x\",B,CA\n");
            assertThat(refusal.line()).as(start).isEqualTo(3);
            assertThat(refusal.column()).isEqualTo("name");
            assertThat(refusal.getMessage()).contains("formula").doesNotContain(start + "x");
        }
        assertThat(refusal(CsvSchema.MEDICAL, MEDICAL + "-C1,M1,N,2024-01-01,99213,1,1.00,D,P\n").column())
                .as("the key is a text column too").isEqualTo("claim_id");
        CsvUploadParser.Result fine = parse(CsvSchema.MEDICAL, MEDICAL + "C1,M1,N,2024-01-01,99213,-1,-12.50,D,P\n");
        assertThat(fine.rowsValid()).isEqualTo(1);
        assertThat(parse(CsvSchema.PROVIDERS, "npi,name,specialty,state\n1, =x,B,CA\n").rowsValid())
                .as("only the first character counts").isEqualTo(1);
    }

    @Test
    void moreCellsThanTheHeaderOrMoreRowsThanTheCapRefuseTheUpload() {
        CsvRefusal wide = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state\n1,A,B,CA\n2,A,B,CA,surplus\n");
        assertThat(wide.getMessage()).isEqualTo("Line 3: the row has 5 cells, the header 4.");
        StringBuilder csv = new StringBuilder("npi,name,specialty,state\n");
        for (int i = 0; i < 11; i++) {
            csv.append(i).append(",A,B,CA\n");
        }
        CsvRefusal many = null;
        try {
            parse(CsvSchema.PROVIDERS, csv.toString(), new CsvUploadParser.Limits(10, 64, 3, 1024));
        } catch (CsvRefusal refusal) {
            many = refusal;
        }
        assertThat(many).isNotNull();
        assertThat(many.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE);
        assertThat(many.getMessage()).isEqualTo("Line 12: the upload has more than 10 rows.");
    }

    @Test
    void malformedQuotingAndHugeCellsRefuseTheUploadAtTheirLine() {
        CsvRefusal quote = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state\n1,A,B,CA\n2,\"A\"x,B,CA\n");
        assertThat(quote.getMessage()).isEqualTo("Line 3: a quoted cell has characters after its closing quote.");
        CsvRefusal huge = refusal(CsvSchema.PROVIDERS, "npi,name,specialty,state\n1,\"" + "a".repeat(5000) + "\",B,CA\n");
        assertThat(huge.line()).isEqualTo(2);
        assertThat(huge.getMessage()).contains("too long");
    }

    @Test
    void refusalsFromTheInputCarryTheirLine() {
        byte[] bytes = (MEDICAL + "C1,M1,N,2024-01-01,99213,1,1.00,D\u0000,P\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CsvUploadParser.parse(new CsvInput(new ByteArrayInputStream(bytes)), CsvSchema.MEDICAL,
                LIMITS, (line, values) -> { }))
                .isInstanceOf(CsvRefusal.class).hasMessage("Line 2: the upload holds a NUL byte.");
    }
}
