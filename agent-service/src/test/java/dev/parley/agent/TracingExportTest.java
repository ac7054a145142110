package dev.parley.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.OtlpCollector;
import dev.parley.testing.TestJwtKeys;
import dev.parley.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured (and nothing else), a request's span is exported there, continuing the caller's
 * W3C trace.
 */
@QuarkusTest
@TestProfile(TracingExportTest.Traced.class)
@QuarkusTestResource(value = OtlpCollector.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(TestJwtKeys.class)
class TracingExportTest {

    /** A profile of its own, so the application restarts with the collector's configuration. */
    public static class Traced implements QuarkusTestProfile {}

    @Test
    void exportsTheRequestSpanInTheCallersTrace() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().auth().oauth2(TestTokens.valid())
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/v1/whoami").then().statusCode(200);

        byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
        boolean exported = false;
        for (int attempt = 0; attempt < 100 && !exported; attempt++) {
            exported = indexOf(OtlpCollector.exports(), traceIdBytes) >= 0;
            if (!exported) {
                Thread.sleep(100);
            }
        }
        assertThat(exported).as("an OTLP export carrying trace id %s", traceId).isTrue();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
