package dev.parley.gateway;

import dev.parley.testing.ServiceContractTest;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The shared HTTP contract, against gateway-service with its real dependencies. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class GatewayContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("kafka", "Redis connection health check", "rate-limit", "upstream-circuits");
    }
}
