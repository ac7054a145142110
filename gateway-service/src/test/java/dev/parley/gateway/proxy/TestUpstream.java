package dev.parley.gateway.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP upstream for the gateway's tests (the JDK's server, on a free port): echoes what reached it, streams
 * server-sent events and notices when the client went away, answers slowly, fails, or drops the connection. The
 * test routes of the gateway point at it.
 */
public class TestUpstream implements QuarkusTestResourceLifecycleManager {

    static final AtomicBoolean STREAM_CANCELLED = new AtomicBoolean();
    static final AtomicInteger STREAM_EVENTS_SENT = new AtomicInteger();
    static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private HttpServer server;
    private HttpServer slowServer;
    private HttpServer flakyServer;

    @Override
    public Map<String, String> start() {
        // one server per failing route: a circuit breaker is per upstream, and these must not open the others'
        server = server();
        server.createContext("/v1/echo", TestUpstream::echo);
        server.createContext("/v1/sse", TestUpstream::events);
        slowServer = server();
        slowServer.createContext("/v1/slow", exchange -> {
            sleep(3_000);
            answer(exchange, 200, "text/plain", "late");
        });
        flakyServer = server();
        flakyServer.createContext("/v1/flaky", exchange -> {
            FLAKY_CALLS.incrementAndGet();
            answer(exchange, 503, "text/plain", "busy");
        });
        String broken = "http://127.0.0.1:" + startBrokenUpstream();
        String upstream = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new TreeMap<>();
        route(config, "echo", "/api/v1/echo", upstream);
        route(config, "sse", "/api/v1/sse", upstream);
        config.put("parley.gateway.routes.echo.max-body", "8M");
        route(config, "slow", "/api/v1/slow", "http://127.0.0.1:" + slowServer.getAddress().getPort());
        config.put("parley.gateway.routes.slow.timeout", "1s");
        route(config, "flaky", "/api/v1/flaky", "http://127.0.0.1:" + flakyServer.getAddress().getPort());
        route(config, "down", "/api/v1/down", "http://127.0.0.1:1");
        route(config, "broken", "/api/v1/broken", broken);
        route(config, "small", "/api/v1/small", upstream);
        config.put("parley.gateway.routes.small.upstream-prefix", "/v1/echo");
        config.put("parley.gateway.routes.small.max-body", "1K");
        route(config, "secret", "/api/v1/secret", upstream);
        config.put("parley.gateway.routes.secret.upstream-prefix", "/v1/echo");
        config.put("parley.gateway.routes.secret.roles", "admin");
        route(config, "tiny", "/api/v1/tiny", upstream);
        config.put("parley.gateway.routes.tiny.upstream-prefix", "/v1/echo");
        config.put("parley.gateway.routes.tiny.rate-limit-group", "tiny");
        config.put("parley.gateway.rate-limit.groups.tiny.limits.hour.count", "3");
        config.put("parley.gateway.rate-limit.groups.tiny.limits.hour.period", "1h");
        config.put("parley.gateway.breaker.failures", "3");
        config.put("parley.gateway.breaker.open-for", "1500ms");
        return config;
    }

    private static HttpServer server() {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            created.setExecutor(Executors.newCachedThreadPool());
            created.start();
            return created;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        for (HttpServer each : new HttpServer[] {server, slowServer, flakyServer}) {
            if (each != null) {
                each.stop(0);
            }
        }
        if (brokenSocket != null) {
            try {
                brokenSocket.close();
            } catch (IOException ignored) {
                // closing at the end of the tests
            }
        }
    }

    private java.net.ServerSocket brokenSocket;

    /** An upstream that answers every request with bytes that are not HTTP, then hangs up. */
    private int startBrokenUpstream() {
        try {
            brokenSocket = new java.net.ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread.ofVirtual().start(() -> {
            while (!brokenSocket.isClosed()) {
                try (java.net.Socket socket = brokenSocket.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write("NOT-HTTP garbage\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    // the next accept ends the loop once the socket is closed
                }
            }
        });
        return brokenSocket.getLocalPort();
    }

    private static void route(Map<String, String> config, String name, String prefix, String upstream) {
        config.put("parley.gateway.routes." + name + ".prefix", prefix);
        config.put("parley.gateway.routes." + name + ".upstream", upstream);
    }

    /** What arrived: method, path and query, the headers the tests look at, and the body's length. */
    private static void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        StringBuilder json = new StringBuilder("{");
        json.append("\"method\":\"").append(exchange.getRequestMethod()).append("\",");
        json.append("\"uri\":\"").append(exchange.getRequestURI()).append("\",");
        json.append("\"bodyLength\":").append(body.length);
        for (String header : new String[] {"Authorization", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-ID",
                "X-Custom", "Keep-Alive", "Proxy-Authorization", "Traceparent", "X-Hop"}) {
            String value = exchange.getRequestHeaders().getFirst(header);
            json.append(",\"").append(header.toLowerCase()).append("\":")
                    .append(value == null ? "null" : "\"" + value.replace("\"", "'") + "\"");
        }
        json.append("}");
        exchange.getResponseHeaders().add("X-Upstream", "echo");
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.getResponseHeaders().add("X-Frame-Options", "ALLOWALL");
        answer(exchange, 200, "application/json", json.toString());
    }

    /** 50 events, one every 100 ms, until the reader goes away. */
    private static void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 1; i <= 50; i++) {
                out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                STREAM_EVENTS_SENT.incrementAndGet();
                sleep(100);
            }
        } catch (IOException clientGone) {
            STREAM_CANCELLED.set(true);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
