package dev.parley.pipeline.domain;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a request body and fails the first read past {@code maxBytes}: a chunked body has no declared
 * length, so it is refused as it streams past the cap. It never hands out a byte beyond the cap.
 */
public final class CsvBodyLimit extends FilterInputStream {

    /** The body went past the cap; {@link CsvInput} turns it into a 413 refusal naming the line. */
    public static final class TooLargeException extends IOException {
        private final long maxBytes;

        TooLargeException(long maxBytes) {
            super("body larger than " + maxBytes + " bytes", null);
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private final long maxBytes;
    private long count;

    public CsvBodyLimit(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (count >= maxBytes) {
            // at the cap: one more byte means the body is too large, none means it ended just in time
            if (in.read() < 0) {
                return -1;
            }
            count++;
            throw new TooLargeException(maxBytes);
        }
        int n = in.read(b, off, (int) Math.min(len, maxBytes - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
