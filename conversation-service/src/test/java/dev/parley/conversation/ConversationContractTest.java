package dev.parley.conversation;

import dev.parley.testing.ServiceContractTest;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The shared HTTP contract, against conversation-service with its real dependencies. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class ConversationContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("kafka", "postgresql", "Redis connection health check");
    }
}
