package dev.parley.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.platform.web.ProblemException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditDomainTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void csvCellsCannotStartAFormula() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("'+1");
        assertThat(CsvCells.cell("-2")).isEqualTo("'-2");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("plain")).isEqualTo("plain");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void hashChainDependsOnThePreviousHashAndEveryField() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), "svc",
                "a".repeat(64), null, "x.created", "x", "X-1", AuditEvent.Outcome.SUCCESS, "r",
                AuditDetails.builder().count("n", 1).build());
        String first = HashChain.link(HashChain.GENESIS, event);
        assertThat(first).matches("[0-9a-f]{64}").isEqualTo(HashChain.link(HashChain.GENESIS, event));
        assertThat(HashChain.link(first, event)).isNotEqualTo(first);
        AuditEvent altered = new AuditEvent(event.eventId(), event.occurredAt(), "svc", event.tenantHash(), null,
                "x.deleted", "x", "X-1", AuditEvent.Outcome.SUCCESS, "r", event.details());
        assertThat(HashChain.link(HashChain.GENESIS, altered)).isNotEqualTo(first);
    }

    @Test
    void checkpointsVerifyUnderTheirKidOnly() {
        CheckpointSigner ring = new CheckpointSigner("k2", Map.of("k1", KEY, "k2", KEY.toUpperCase()));
        String mac = ring.sign("t", 10, "h");
        assertThat(ring.verify("k2", "t", 10, "h", mac)).isTrue();
        assertThat(ring.verify("k1", "t", 10, "h", mac)).isFalse();
        assertThat(ring.verify("k2", "t", 11, "h", mac)).isFalse();
        assertThat(ring.verify("k9", "t", 10, "h", mac)).isFalse();
        assertThatThrownBy(() -> new CheckpointSigner("k1", Map.of("k1", "short")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CheckpointSigner("k3", Map.of("k1", KEY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filtersRefuseEveryBadParameterAtOnce() {
        assertThatThrownBy(() -> AuditFilter.parse(null, null, null, null, "maybe", "yesterday", null, "bogus", "0"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field()).containsExactlyInAnyOrder("outcome", "from", "cursor", "limit"));
        AuditFilter filter = AuditFilter.parse("a", null, null, null, "denied", "2026-01-01T00:00:00Z", null,
                AuditFilter.cursorAfter(42), "10");
        assertThat(filter.beforeSeq()).isEqualTo(42);
        assertThat(filter.limit()).isEqualTo(10);
    }
}
