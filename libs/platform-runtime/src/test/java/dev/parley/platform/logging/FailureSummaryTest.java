package dev.parley.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {

    @Test
    void namesTypesAndSqlStateButNeverTheMessage() {
        SQLException sql = new SQLException(
                "ERROR: null value in column \"action\" Detail: Failing row contains (jane.roe@example.org, ...)", "23502");
        String summary = FailureSummary.of(new CompletionException(sql));
        assertThat(summary).isEqualTo("SQLException[23502] <- CompletionException").doesNotContain("jane.roe");
        assertThat(FailureSummary.of(new IllegalStateException("secret"))).isEqualTo("IllegalStateException");
    }

    @Test
    void framesShowWhereTheRootCauseWasThrownWithoutItsMessage() {
        SQLException sql = new SQLException("Failing row contains (jane.roe@example.org)", "23514");
        String where = FailureSummary.withFrames(new CompletionException(sql), 3);
        assertThat(where).startsWith("SQLException[23514] <- CompletionException\n\tat ")
                .contains("FailureSummaryTest.framesShowWhereTheRootCauseWasThrownWithoutItsMessage")
                .doesNotContain("jane.roe");
        assertThat(where.lines()).hasSize(4);
    }
}
