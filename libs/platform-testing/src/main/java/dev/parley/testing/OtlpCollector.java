package dev.parley.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector: an HTTP server on a free loopback port that accepts OTLP/HTTP trace exports
 * and keeps their bodies, and the configuration that points a service at it. Tests read what arrived with
 * {@link #exports()}.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    private static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                EXPORTS.add(body.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "parley.tracing.otlp-endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The OTLP export bodies received so far, oldest first (all of them, concatenated). */
    public static byte[] exports() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        EXPORTS.forEach(all::writeBytes);
        return all.toByteArray();
    }
}
