package dev.parley.pipeline.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.problem.ProblemKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Strict decoding, NUL refusal, line counting and the size cap, without a parser. */
class CsvInputTest {

    private static String readAll(Reader reader, int chunk) throws IOException {
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[chunk];
        for (int n = reader.read(buffer, 0, chunk); n >= 0; n = reader.read(buffer, 0, chunk)) {
            out.append(buffer, 0, n);
        }
        return out.toString();
    }

    @Test
    void decodesUtf8AndDropsALeadingBom() throws IOException {
        String text = "a,é,😀,日本\r\nb\n";
        byte[] bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 7, 8192}) {
            CsvInput input = new CsvInput(new ByteArrayInputStream(bytes));
            assertThat(readAll(input, chunk)).as("chunk " + chunk).isEqualTo(text);
            assertThat(input.line()).isEqualTo(3);
        }
    }

    @Test
    void countsLinesAsFastCsvDoes() throws IOException {
        CsvInput input = new CsvInput(new ByteArrayInputStream("a\nb\r\nc\rd".getBytes(StandardCharsets.UTF_8)));
        readAll(input, 1);
        assertThat(input.line()).isEqualTo(4);
    }

    @Test
    void refusesInvalidUtf8AtItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("line one\nline two\nbad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC3);
        bytes.write(0x28);
        assertThatThrownBy(() -> readAll(new CsvInput(new ByteArrayInputStream(bytes.toByteArray())), 4))
                .isInstanceOfSatisfying(CsvRefusal.class, r -> {
                    assertThat(r.line()).isEqualTo(3);
                    assertThat(r.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                    assertThat(r.getMessage()).isEqualTo("Line 3: the upload is not valid UTF-8 (an invalid byte sequence).");
                });
        // a truncated sequence at the very end, and an overlong encoding of '/'
        assertThatThrownBy(() -> readAll(new CsvInput(new ByteArrayInputStream(new byte[] {'a', '\n', (byte) 0xE2, (byte) 0x82})), 64))
                .isInstanceOfSatisfying(CsvRefusal.class, r -> assertThat(r.line()).isEqualTo(2));
        assertThatThrownBy(() -> readAll(new CsvInput(new ByteArrayInputStream(new byte[] {(byte) 0xC0, (byte) 0xAF})), 64))
                .isInstanceOf(CsvRefusal.class);
        // an unpaired surrogate encoded as UTF-8 (CESU) is not UTF-8
        assertThatThrownBy(() -> readAll(new CsvInput(new ByteArrayInputStream(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})), 64))
                .isInstanceOf(CsvRefusal.class);
    }

    @Test
    void refusesANulByteAtItsLine() {
        assertThatThrownBy(() -> readAll(new CsvInput(new ByteArrayInputStream("a\r\nb\r\nc\u0000".getBytes(StandardCharsets.UTF_8))), 8192))
                .isInstanceOf(CsvRefusal.class).hasMessage("Line 3: the upload holds a NUL byte.");
    }

    @Test
    void refusesABodyPastTheCapWithTheLineItReached() throws IOException {
        byte[] exact = "0123456789\n0123456789\n".getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(new CsvInput(new CsvBodyLimit(new ByteArrayInputStream(exact), exact.length)), 5))
                .as("exactly the cap is fine").hasSize(exact.length);
        CsvBodyLimit limit = new CsvBodyLimit(new ByteArrayInputStream(exact), exact.length - 1);
        assertThatThrownBy(() -> readAll(new CsvInput(limit), 5))
                .isInstanceOfSatisfying(CsvRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE);
                    assertThat(r.line()).isEqualTo(2);
                    assertThat(r.getMessage()).isEqualTo("Line 2: the upload is larger than the limit of 21 bytes.");
                });
        assertThat(limit.count()).isEqualTo(22);
    }

    @Test
    void theCapNeverHandsOutAByteBeyondIt() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        CsvBodyLimit limit = new CsvBodyLimit(endless, 10);
        byte[] buffer = new byte[64];
        assertThat(limit.read(buffer, 0, 64)).isEqualTo(10);
        assertThatThrownBy(() -> limit.read(buffer, 0, 64)).isInstanceOf(CsvBodyLimit.TooLargeException.class);
    }
}
