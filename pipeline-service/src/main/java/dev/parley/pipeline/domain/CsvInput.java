package dev.parley.pipeline.domain;

import dev.parley.contracts.problem.ProblemKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an upload: strictly decoded UTF-8 ({@link CodingErrorAction#REPORT}, never a replacement character),
 * refused at the line where it holds a NUL or an invalid byte sequence, or where the body passes its size cap
 * ({@link CsvBodyLimit}). A leading byte order mark is dropped. Lines are counted as FastCSV counts them (LF, CR LF
 * or a lone CR end a line), so refusals and row errors name the same lines.
 */
public final class CsvInput extends Reader {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final char[] spill = new char[2];
    private int spillPos;
    private int spillLen;
    private boolean eof;
    private boolean flushed;
    private boolean first = true;
    private boolean afterCr;
    private long line = 1;

    public CsvInput(InputStream in) {
        this.in = in;
    }

    /** The line the next character is on. */
    public long line() {
        return line;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (spillLen > spillPos) {
                int n = Math.min(len, spillLen - spillPos);
                System.arraycopy(spill, spillPos, cbuf, off, n);
                spillPos += n;
                int kept = scan(cbuf, off, n);
                if (kept > 0) {
                    return kept;
                }
                continue;
            }
            if (flushed) {
                return -1;
            }
            CharBuffer out = CharBuffer.wrap(cbuf, off, len);
            CoderResult result = decoder.decode(bytes, out, eof);
            if (eof && !result.isError() && !bytes.hasRemaining()) {
                result = decoder.flush(out);
                flushed = !result.isOverflow();
            }
            int produced = out.position() - off;
            if (result.isError()) {
                scan(cbuf, off, produced);
                throw CsvRefusal.malformed(line, null, "the upload is not valid UTF-8 (an invalid byte sequence).");
            }
            if (produced > 0) {
                int kept = scan(cbuf, off, produced);
                if (kept > 0) {
                    return kept;
                }
                continue;
            }
            if (result.isOverflow()) {
                // room for one char, but the next is a surrogate pair: decode it aside
                CharBuffer pair = CharBuffer.wrap(spill);
                CoderResult r = decoder.decode(bytes, pair, eof);
                if (r.isError()) {
                    throw CsvRefusal.malformed(line, null, "the upload is not valid UTF-8 (an invalid byte sequence).");
                }
                spillPos = 0;
                spillLen = pair.position();
                continue;
            }
            if (flushed) {
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        try {
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
        } catch (CsvBodyLimit.TooLargeException e) {
            throw CsvRefusal.tooLarge(line, "the upload is larger than the limit of " + e.maxBytes() + " bytes.");
        } finally {
            bytes.flip();
        }
    }

    /**
     * Counts the lines of the {@code n} characters just decoded and refuses a NUL; drops a leading BOM. Returns how
     * many characters remain.
     */
    private int scan(char[] cbuf, int off, int n) {
        if (first && n > 0) {
            first = false;
            if (cbuf[off] == '\uFEFF') {
                System.arraycopy(cbuf, off + 1, cbuf, off, n - 1);
                n--;
            }
        }
        long at = line;
        boolean cr = afterCr;
        for (int i = off, end = off + n; i < end; i++) {
            char c = cbuf[i];
            if (c == '\n') {
                if (!cr) {
                    at++;
                }
                cr = false;
            } else if (c == '\r') {
                at++;
                cr = true;
            } else {
                cr = false;
                if (c == 0) {
                    line = at;
                    throw new CsvRefusal(ProblemKind.BAD_REQUEST, at, null,
                            "Line " + at + ": the upload holds a NUL byte.");
                }
            }
        }
        line = at;
        afterCr = cr;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
