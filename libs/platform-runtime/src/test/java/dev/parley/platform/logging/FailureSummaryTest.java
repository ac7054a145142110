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
}
