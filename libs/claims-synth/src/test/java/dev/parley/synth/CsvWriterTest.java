package dev.parley.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

    @Test
    void quotesOnlyWhatRfc4180Needs() throws IOException {
        var out = new StringWriter();
        var csv = new CsvWriter(out, "a", "b", "c", "d");
        csv.text("O'Kon").text("Kuhn, Wolf").text("say \"hi\"").text("").endRow();
        csv.flush();
        assertThat(out.toString()).isEqualTo("a,b,c,d\nO'Kon,\"Kuhn, Wolf\",\"say \"\"hi\"\"\",\n");
        assertThat(CsvFile.parse(out.toString()).rows().getFirst())
            .containsExactly("O'Kon", "Kuhn, Wolf", "say \"hi\"", "");
        assertThat(csv.rows()).isEqualTo(1);
    }

    @Test
    void writesCentsWithTwoDecimals() throws IOException {
        var out = new StringWriter();
        var csv = new CsvWriter(out, "amount");
        for (long cents : new long[] {12345, 5, 100, 0, -1250}) {
            csv.cents(cents).endRow();
        }
        assertThat(out.toString()).isEqualTo("amount\n123.45\n0.05\n1.00\n0.00\n-12.50\n");
    }

    @Test
    void refusesCellsTheUploadWouldTakeForFormulas() throws IOException {
        var csv = new CsvWriter(new StringWriter(), "name");
        for (String cell : new String[] {"=1+1", "+1", "-1", "@SUM", "\tx", "\rx"}) {
            assertThatThrownBy(() -> csv.text(cell)).isInstanceOf(IllegalStateException.class);
        }
    }
}
