package dev.parley.agent.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw HTTP/1.1 server on a socket, for what WireMock cannot show: it streams chat-completion chunks and then drops
 * the connection mid-answer, closes it as if the answer were over, or holds it open and notices the moment the
 * client closes it.
 */
public final class RawChatServer implements AutoCloseable {

    public enum Ending {
        /** Keep the connection open after the chunks and record when the client goes away. */
        HOLD,
        /** Close the socket in the middle of a chunked body (no last chunk). */
        DROP,
        /** A body delimited by the connection's end ({@code Connection: close}, no length): a clean close. */
        CLOSE
    }

    public volatile CountDownLatch requested = new CountDownLatch(1);
    public volatile CountDownLatch disconnected = new CountDownLatch(1);
    public final AtomicInteger requests = new AtomicInteger();
    public volatile String requestBody;

    private final ServerSocket socket;
    private volatile List<String> events;
    private volatile Ending ending;
    private volatile boolean respond;
    private final Thread thread;

    /**
     * @param respond {@code false}: send nothing at all and hold the connection (a model that never answers)
     */
    public RawChatServer(List<String> events, Ending ending, boolean respond) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.events = events;
        this.ending = ending;
        this.respond = respond;
        this.thread = Thread.ofVirtual().start(this::serve);
    }

    /** What the next requests get (a server that outlives one test, behind an application's LLM client). */
    public void play(List<String> nextEvents, Ending nextEnding) {
        events = nextEvents;
        ending = nextEnding;
        respond = true;
        requested = new CountDownLatch(1);
        disconnected = new CountDownLatch(1);
        requests.set(0);
        requestBody = null;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                requests.incrementAndGet();
                InputStream in = client.getInputStream();
                requestBody = readRequest(in);
                requested.countDown();
                OutputStream out = client.getOutputStream();
                if (respond) {
                    try {
                        respond(out);
                    } catch (IOException gone) {
                        // the client went away while the chunks were still being written
                        disconnected.countDown();
                        continue;
                    }
                }
                if (ending == Ending.HOLD || !respond) {
                    // blocks until the client closes its side (-1) or resets the connection
                    try {
                        while (in.read() >= 0) {
                            // ignore anything more the client sends
                        }
                    } catch (IOException reset) {
                        // a reset is a disconnect too
                    }
                    disconnected.countDown();
                } else if (ending == Ending.DROP) {
                    client.setSoLinger(true, 0);
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void respond(OutputStream out) throws IOException {
        boolean chunked = ending != Ending.CLOSE;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String event : events) {
            byte[] data = ("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8);
            if (chunked) {
                out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(data);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(data);
            }
            out.flush();
            sleep(Duration.ofMillis(30));
        }
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String headers = head.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (headers.contains("transfer-encoding: chunked")) {
            return readChunked(in);
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("request ended early");
                }
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            int length = Integer.parseInt(size.toString().trim(), 16);
            if (length == 0) {
                in.readNBytes(2);
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        thread.interrupt();
    }
}
