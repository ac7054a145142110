package dev.parley.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One more instance of a service from its packaged jar, as {@code ./parley} runs them (dev profile, the same heap
 * flags), on its own port and with extra system properties; the other services are the running ones.
 */
final class ServiceProcess {

    private ServiceProcess() {}

    /** Starts {@code service} on {@code port}, logging to {@code .parley/logs/<log>.log}, and waits until it is ready. */
    static Process start(String service, int port, String log, String... properties) throws Exception {
        Path jar = PlatformSmokeTest.ROOT.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dquarkus.profile=dev",
                "-Dparley.home=" + PlatformSmokeTest.ROOT, "-Dquarkus.http.port=" + port));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path logFile = PlatformSmokeTest.ROOT.resolve(".parley/logs/" + log + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new AssertionError(service + " on port " + port + " did not get ready (see " + logFile + ")");
    }
}
