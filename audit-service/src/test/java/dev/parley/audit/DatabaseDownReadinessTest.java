package dev.parley.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness tells the truth: with the database gone the service is not ready, while liveness stays UP. */
@QuarkusTest
@TestProfile(DatabaseDownReadinessTest.UnreachableDatabase.class)
@QuarkusTestResource(TestJwtKeys.class)
class DatabaseDownReadinessTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort + "/parley_audit_test",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/parley_audit_test");
        }
    }

    @Test
    void notReadyWithoutItsDatabaseButStillLive() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
