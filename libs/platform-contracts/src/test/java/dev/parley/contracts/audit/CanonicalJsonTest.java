package dev.parley.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static AuditEvent event(Instant at, AuditDetails details) {
        return new AuditEvent(UUID.fromString("01a200a2-841c-76a6-bb54-bd105e8a07c0"), at, "audit", "t".repeat(64),
                null, "audit.exported", "audit", null, AuditEvent.Outcome.SUCCESS, "r-1", details);
    }

    @Test
    void sortsKeysWritesNullsAndUsesMicroseconds() {
        String json = new String(CanonicalJson.bytes(event(Instant.parse("2026-11-21T10:15:30.123456789Z"),
                AuditDetails.builder().count("rows", 5).flag("csv", true).build())), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"action\":\"audit.exported\",\"actor\":null,"
                + "\"details\":{\"csv\":true,\"rows\":5},\"eventId\":\"01a200a2-841c-76a6-bb54-bd105e8a07c0\","
                + "\"occurredAt\":\"2026-11-21T10:15:30.123456Z\",\"outcome\":\"success\",\"requestId\":\"r-1\","
                + "\"resourceId\":null,\"resourceType\":\"audit\",\"service\":\"audit\",\"tenantHash\":\""
                + "t".repeat(64) + "\"}");
    }

    @Test
    void isTheSameForEqualEventsWhateverTheirBuildOrder() {
        Instant at = Instant.parse("2026-11-21T10:15:30Z");
        byte[] a = CanonicalJson.bytes(event(at, AuditDetails.builder().count("b", 1).count("a", 2).build()));
        byte[] b = CanonicalJson.bytes(event(at, AuditDetails.builder().count("a", 2).count("b", 1).build()));
        assertThat(a).isEqualTo(b);
    }
}
