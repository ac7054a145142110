package dev.parley.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform as `./parley up` leaves it: six packaged services on their ports, real PostgreSQL, Redis and
 * Kafka, tokens from `./parley token`.
 */
class PlatformSmokeTest {

    static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080, "conversation", 8081, "agent", 8082,
            "pipeline", 8083, "audit", 8084, "compliance", 8085);
    static final List<String> DATABASES = List.of("parley_conversation", "parley_pipeline", "parley_audit");
    static final String DEV_TENANT_KEY = "dev-only-tenant-hash-key-never-in-production";

    static final Path ROOT = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static String token;

    @BeforeAll
    static void mintToken() throws Exception {
        token = ParleyCli.token("e2e-tenant", "user,auditor");
    }

    static List<String> services() {
        return SERVICES.keySet().stream().sorted().toList();
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceIsReady(String service) {
        given().port(SERVICES.get(service)).get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void whoamiThroughEachPort(String service) throws Exception {
        given().port(SERVICES.get(service)).auth().oauth2(token).get("/v1/whoami")
                .then().statusCode(200)
                .body("tenantHash", equalTo(hmacHex(DEV_TENANT_KEY, "e2e-tenant")))
                .body("subject", equalTo("e2e-user-auditor"))
                .body("roles", hasItems("user", "auditor"))
                .body("workspaces", equalTo(List.of("ws-1", "ws-2")));
        given().port(SERVICES.get(service)).get("/v1/whoami")
                .then().statusCode(401).contentType(containsString("application/problem+json"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void metricsAreScrapeable(String service) {
        String body = given().port(SERVICES.get(service)).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
        assertThat(body).contains("# TYPE jvm_memory_used_bytes gauge").contains("http_server_requests_seconds");
    }

    @ParameterizedTest
    @MethodSource("services")
    void logLinesAreJsonWithRequestIdAndTenantHash(String service) throws Exception {
        String requestId = "e2e-" + UUID.randomUUID();
        given().port(SERVICES.get(service)).auth().oauth2(token).header("X-Request-ID", requestId)
                .get("/v1/whoami").then().statusCode(200).header("X-Request-ID", requestId);

        List<JsonNode> lines = new ArrayList<>();
        Path log = ROOT.resolve(".parley/logs/" + service + ".log");
        for (int attempt = 0; attempt < 50 && lines.isEmpty(); attempt++) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains(requestId)) {
                    lines.add(JSON.readTree(line));
                }
            }
            if (lines.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertThat(lines).as("log lines of request %s in %s", requestId, log).isNotEmpty();
        for (JsonNode line : lines) {
            assertThat(line.path("mdc").path("requestId").asText()).isEqualTo(requestId);
            assertThat(line.path("mdc").path("tenantHash").asText()).isEqualTo(hmacHex(DEV_TENANT_KEY, "e2e-tenant"));
            assertThat(line.path("service").asText()).isEqualTo(service);
            assertThat(line.toString()).doesNotContain("e2e-tenant").doesNotContain(token);
        }
    }

    @Test
    void theDemoWorkspaceHoldsCasesThroughTheGateway() throws Exception {
        String demo = ParleyCli.token("demo", "user", "demo");
        given().port(8080).auth().oauth2(demo).get("/api/v1/workspaces/demo/stats").then().statusCode(200)
                .body("claims.medical", org.hamcrest.Matchers.greaterThan(0))
                .body("cases.total", org.hamcrest.Matchers.greaterThan(0))
                .body("lastRun.status", equalTo("completed"));
        given().port(8080).auth().oauth2(demo).queryParam("limit", 1).get("/api/v1/workspaces/demo/cases").then()
                .statusCode(200).body("items[0].caseId", org.hamcrest.Matchers.startsWith("CASE-"));
    }

    @Test
    void everyDatabaseIsMigrated() throws SQLException {
        for (String database : DATABASES) {
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:5432/" + database, "parley", "parley");
                    ResultSet rows = connection.createStatement().executeQuery(
                            "select count(*) from flyway_schema_history where success and version = '1'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("baseline migration of %s", database).isEqualTo(1);
            }
        }
    }

    @Test
    void productionProfileRefusesMissingSecrets() throws Exception {
        String output = runJar("gateway", List.of());
        assertThat(output).contains("Refusing to start gateway")
                .contains("parley.tenant.hash-key is missing")
                .contains("mp.jwt.verify.publickey.location is missing");
    }

    @Test
    void productionProfileRefusesDevelopmentSecrets() throws Exception {
        String output = runJar("gateway", List.of(
                "-Dparley.tenant.hash-key=" + DEV_TENANT_KEY,
                "-Dmp.jwt.verify.publickey.location=" + ROOT.resolve(".parley/keys/jwt-public.pem"),
                "-Dmp.jwt.verify.issuer=https://login.example.test"));
        assertThat(output).contains("parley.tenant.hash-key is a known development default")
                .contains("mp.jwt.verify.publickey.location is a known development default")
                .doesNotContain("mp.jwt.verify.issuer is");
    }

    /** Starts a packaged service with the production profile on a free port and expects it to refuse. */
    private static String runJar(String service, List<String> properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=0");
        command.add("-Dquarkus.profile=prod");
        command.addAll(properties);
        command.add("-jar");
        command.add(ROOT.resolve(service + "-service/target/quarkus-app/quarkus-run.jar").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(service + " started in production with unfit secrets");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }

    private static String hmacHex(String key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }
}
