package dev.parley.contracts.ids;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-123", "A.b_c-9", "0123456789012345678901234567890123456789012345678901234567890123"})
    void keepsAcceptableIds(String id) {
        assertThat(RequestIds.acceptOrGenerate(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "semi;colon", "new\nline", "ünïcode", "<script>",
        "01234567890123456789012345678901234567890123456789012345678901234"})
    void replacesUnacceptableIds(String id) {
        String result = RequestIds.acceptOrGenerate(id);
        assertThat(result).isNotEqualTo(id);
        assertThat(RequestIds.isAcceptable(result)).isTrue();
        assertThat(java.util.UUID.fromString(result).version()).isEqualTo(7);
    }

    @Test
    void sixtyFiveCharactersIsTooLong() {
        assertThat(RequestIds.isAcceptable("x".repeat(64))).isTrue();
        assertThat(RequestIds.isAcceptable("x".repeat(65))).isFalse();
    }
}
