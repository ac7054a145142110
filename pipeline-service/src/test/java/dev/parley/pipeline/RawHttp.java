package dev.parley.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for what rest-assured cannot do: declare a length and stop sending, or stream a
 * chunked body and stop as soon as the server has answered.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, String body, long bytesSent) {}

    private RawHttp() {}

    /** Declares {@code length} bytes, sends only {@code prefix} and reads the answer. */
    public static Answer declared(int port, String path, String token, String contentType, long length, byte[] prefix)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(path, token, contentType, "Content-Length: " + length).getBytes(StandardCharsets.US_ASCII));
            out.write(prefix);
            out.flush();
            return read(socket.getInputStream(), prefix.length);
        }
    }

    /** Streams {@code chunks} as a chunked body until they end or the server answers, then reads the answer. */
    public static Answer chunked(int port, String path, String token, String contentType, Iterator<byte[]> chunks)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(path, token, contentType, "Transfer-Encoding: chunked").getBytes(StandardCharsets.US_ASCII));
            long sent = 0;
            try {
                while (chunks.hasNext() && in.available() == 0) {
                    byte[] chunk = chunks.next();
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
                if (in.available() == 0) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByServer) {
                // the server answered and closed while the body was still coming: read what it said
            }
            return read(in, sent);
        }
    }

    private static String head(String path, String token, String contentType, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\nAccept: application/json\r\n" + framing + "\r\n\r\n";
    }

    private static Answer read(InputStream in, long sent) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            for (long i = 0; i < length; i++) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                body.write(b);
            }
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), sent);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
