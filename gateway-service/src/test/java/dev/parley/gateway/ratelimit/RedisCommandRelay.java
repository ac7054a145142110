package dev.parley.gateway.ratelimit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the real Redis that records the name of every command its clients send: counts one
 * client's commands exactly, however busy the shared Redis is with other work.
 */
final class RedisCommandRelay implements AutoCloseable {

    private final ServerSocket server;
    private final String redisHost;
    private final int redisPort;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RedisCommandRelay(String redisHost, int redisPort) throws IOException {
        this.redisHost = redisHost;
        this.redisPort = redisPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("redis-relay-accept").start(this::acceptLoop);
    }

    /** The relay's address, to use as a Redis connection string. */
    String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    /** Upper-case command names in the order Redis received them. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    void clear() {
        commands.clear();
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket client = server.accept();
                Socket redis = new Socket(redisHost, redisPort);
                sockets.add(client);
                sockets.add(redis);
                Thread.ofPlatform().daemon().start(() -> relayCommands(client, redis));
                Thread.ofPlatform().daemon().start(() -> copy(redis, client));
            }
        } catch (IOException closed) {
            // close() ends the loop
        }
    }

    /** Client to Redis: RESP arrays of bulk strings ({@code *n}, then n times {@code $len} and the bytes). */
    private void relayCommands(Socket client, Socket redis) {
        try (InputStream in = new BufferedInputStream(client.getInputStream()); OutputStream out = new BufferedOutputStream(redis.getOutputStream())) {
            while (true) {
                String header = line(in, out);
                if (!header.startsWith("*")) {
                    commands.add(header.split(" ", 2)[0].toUpperCase(Locale.ROOT)); // inline command
                    out.flush();
                    continue;
                }
                int parts = Integer.parseInt(header.substring(1));
                for (int i = 0; i < parts; i++) {
                    int length = Integer.parseInt(line(in, out).substring(1));
                    byte[] bulk = in.readNBytes(length + 2);
                    if (bulk.length < length + 2) {
                        throw new EOFException();
                    }
                    out.write(bulk);
                    if (i == 0) {
                        commands.add(new String(bulk, 0, length, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
                    }
                }
                out.flush();
            }
        } catch (IOException | RuntimeException ended) {
            closeQuietly(client);
            closeQuietly(redis);
        }
    }

    /** Reads one CRLF-terminated line, forwarding it, and returns it without the CRLF. */
    private static String line(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            out.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ended) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        new ArrayList<>(sockets).forEach(RedisCommandRelay::closeQuietly);
    }
}
