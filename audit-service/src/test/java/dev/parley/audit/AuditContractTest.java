package dev.parley.audit;

import dev.parley.testing.ServiceContractTest;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The shared HTTP contract, against audit-service with its real dependencies. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class AuditContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("kafka", "postgresql", "audit-ingest");
    }
}
