package dev.parley.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditDetailsTest {

    enum Intent { QUERY, ACTION }

    @Test
    void holdsNumbersFlagsKindsIdsAndCodesInKeyOrder() {
        UUID id = UUID.randomUUID();
        AuditDetails details = AuditDetails.builder()
                .count("tools", 3).flag("fastPath", true).kind("intent", Intent.QUERY).id("conversationId", id)
                .code("caseId", "CASE-000123").measure("score", 0.75).build();

        assertThat(details.asMap()).containsExactly(
                Map.entry("caseId", "CASE-000123"), Map.entry("conversationId", id.toString()),
                Map.entry("fastPath", true), Map.entry("intent", "QUERY"), Map.entry("score", 0.75),
                Map.entry("tools", 3L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"John Smith", "jane@example.org", "call me at 5", "", " leading",
        "x123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesAnythingThatCouldBeProse(String text) {
        assertThatThrownBy(() -> AuditDetails.builder().code("note", text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Note", "has space", "user.name", "a-b", "", "averyveryveryveryveryveryverylongkeynamethatgoesonandon"})
    void refusesKeysThatAreNotIdentifiers(String key) {
        assertThatThrownBy(() -> AuditDetails.builder().count(key, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNonFiniteNumbersAndTooManyEntries() {
        assertThatThrownBy(() -> AuditDetails.builder().measure("score", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        AuditDetails.Builder builder = AuditDetails.builder();
        for (int i = 0; i < AuditDetails.MAX_ENTRIES; i++) {
            builder.count("k" + i, i);
        }
        assertThatThrownBy(() -> builder.count("oneMore", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsReceivedMapsWithTheSameRules() {
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("tools", 2);
        received.put("fastPath", false);
        received.put("caseId", "CASE-1");
        assertThat(AuditDetails.of(received).asMap()).containsEntry("tools", 2L).containsEntry("caseId", "CASE-1");

        assertThatThrownBy(() -> AuditDetails.of(Map.of("message", "my SSN is 078-05-1120")))
                .hasMessageContaining("details.message");
        assertThatThrownBy(() -> AuditDetails.of(Map.of("nested", Map.of("a", 1))))
                .hasMessageContaining("details.nested");
        assertThatThrownBy(() -> AuditDetails.of(Map.of("list", List.of(1)))).hasMessageContaining("details.list");
    }
}
