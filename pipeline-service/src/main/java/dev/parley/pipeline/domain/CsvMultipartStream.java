package dev.parley.pipeline.domain;

import dev.parley.contracts.problem.ProblemKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The content of the one file part of a {@code multipart/form-data} body (RFC 7578), streamed: the preamble and the
 * part's headers are skipped, the content is handed out up to the delimiter, and the end of the content is only
 * reported once the closing delimiter is there. A second part, or a body that ends before its closing delimiter, is
 * refused with 400; nothing of the body is held beyond one buffer.
 */
public final class CsvMultipartStream extends InputStream {

    private static final int BUFFER = 64 * 1024;
    /** Preamble plus part headers: more than this is not a form upload. */
    private static final int MAX_HEAD = 16 * 1024;

    private final InputStream in;
    /** {@code CR LF -- boundary}: what ends the content. */
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean done;

    public CsvMultipartStream(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw refusal("The multipart body needs a boundary of 1 to 70 characters.");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(BUFFER, MAX_HEAD + delimiter.length * 2)];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (!started) {
            skipToContent();
            started = true;
        }
        if (done) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int found = indexOf(delimiter, pos, limit);
            if (found >= 0) {
                if (found == pos) {
                    pos += delimiter.length;
                    finish();
                    return -1;
                }
                return copy(b, off, Math.min(len, found - pos));
            }
            // everything but a tail that may begin a delimiter is content
            int safe = limit - (delimiter.length - 1);
            if (safe > pos) {
                return copy(b, off, Math.min(len, safe - pos));
            }
            if (eof) {
                throw refusal("The multipart body ends before its closing boundary.");
            }
            fill();
        }
    }

    private int copy(byte[] b, int off, int n) {
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Skips the preamble up to the first delimiter and the first part's headers. */
    private void skipToContent() throws IOException {
        // the first delimiter may open the body without the CR LF before it
        byte[] opening = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        int at;
        while (true) {
            at = startsWith(opening, pos) ? pos : indexOf(delimiter, pos, limit);
            if (at >= 0) {
                pos = at + (at == pos && startsWith(opening, pos) ? opening.length : delimiter.length);
                break;
            }
            if (limit - pos > MAX_HEAD || eof) {
                throw refusal("The multipart body holds no part under its boundary.");
            }
            fill();
        }
        ensure(2);
        if (startsWith(new byte[] {'-', '-'}, pos)) {
            throw refusal("The multipart body holds no file part.");
        }
        int headersEnd;
        while ((headersEnd = indexOf(new byte[] {'\r', '\n', '\r', '\n'}, pos, limit)) < 0) {
            if (limit - pos > MAX_HEAD || eof) {
                throw refusal("The multipart part's headers are missing or too long.");
            }
            fill();
        }
        // headersEnd points at the CR LF CR LF ending the headers (the first CR LF ends the delimiter line itself
        // when there are no headers); the content starts after it
        pos = headersEnd + 4;
    }

    /** After the content's delimiter: {@code --} closes the body; anything else is a second part. */
    private void finish() throws IOException {
        ensure(2);
        if (!startsWith(new byte[] {'-', '-'}, pos)) {
            throw refusal("The multipart body must hold exactly one file part.");
        }
        done = true;
        // the epilogue is ignored (it is still counted against the size cap)
        pos = limit;
        byte[] sink = new byte[8192];
        while (in.read(sink) >= 0) {
            // drain
        }
    }

    private void ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                throw refusal("The multipart body ends before its closing boundary.");
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            throw new IllegalStateException("multipart buffer full");
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private boolean startsWith(byte[] prefix, int from) {
        if (limit - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(byte[] needle, int from, int to) {
        byte head = needle[0];
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (buf[i] == head && startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    private static CsvRefusal refusal(String detail) {
        return new CsvRefusal(ProblemKind.BAD_REQUEST, 0, null, detail);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
