package dev.parley.pipeline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one file part of a multipart body, streamed, however the body arrives in pieces. */
class CsvMultipartStreamTest {

    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    /** Hands out at most {@code step} bytes per read, like a slow network. */
    private static InputStream trickle(String body, int step) {
        return new FilterInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static String content(String body, int step) throws IOException {
        return new String(new CsvMultipartStream(trickle(body, step), BOUNDARY).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void yieldsTheFilePartOnly() throws IOException {
        String csv = "npi,name\r\n1,\"A\r\n--not the boundary\"\r\n2,B\r\n";
        String body = "preamble\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + csv + "\r\n--" + BOUNDARY + "--\r\nepilogue";
        for (int step : new int[] {1, 3, 17, 4096, 1 << 20}) {
            assertThat(content(body, step)).as("step " + step).isEqualTo(csv);
        }
        assertThat(content("--" + BOUNDARY + "\r\n\r\nx\r\n--" + BOUNDARY + "--", 5)).as("no headers, no preamble").isEqualTo("x");
    }

    @Test
    void refusesASecondPartATruncatedBodyOrNoPart() {
        String part = "Content-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n\r\na,b\r\n";
        assertThatThrownBy(() -> content("--" + BOUNDARY + "\r\n" + part + "\r\n--" + BOUNDARY + "\r\n" + part
                + "\r\n--" + BOUNDARY + "--\r\n", 7))
                .isInstanceOf(CsvRefusal.class).hasMessage("The multipart body must hold exactly one file part.");
        assertThatThrownBy(() -> content("--" + BOUNDARY + "\r\n" + part, 7))
                .isInstanceOf(CsvRefusal.class).hasMessage("The multipart body ends before its closing boundary.");
        assertThatThrownBy(() -> content("--" + BOUNDARY + "--\r\n", 7))
                .isInstanceOf(CsvRefusal.class).hasMessage("The multipart body holds no file part.");
        assertThatThrownBy(() -> content("just,a,csv\r\n", 7))
                .isInstanceOf(CsvRefusal.class).hasMessage("The multipart body holds no part under its boundary.");
        assertThatThrownBy(() -> new CsvMultipartStream(InputStream.nullInputStream(), ""))
                .isInstanceOf(CsvRefusal.class);
    }
}
