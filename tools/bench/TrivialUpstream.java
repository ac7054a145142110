import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The trivial upstream of the gateway's added-latency benchmark: answers every request with a small JSON body.
 * Run: java tools/bench/TrivialUpstream.java [port]
 */
public class TrivialUpstream {
    public static void main(String[] args) throws Exception {
        // The JDK's server leaves Nagle's algorithm on unless told: its answer (headers, then body in a second small
        // write) would wait for the client's delayed ACK, about 2 ms a request here. Every real upstream (Quarkus,
        // Vert.x, Netty) sets TCP_NODELAY; so does this one.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("trivial upstream on " + port);
    }
}
