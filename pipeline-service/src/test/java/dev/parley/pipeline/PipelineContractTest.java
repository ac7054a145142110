package dev.parley.pipeline;

import dev.parley.testing.ServiceContractTest;
import dev.parley.testing.TestJwtKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** The shared HTTP contract, against pipeline-service with its real dependencies. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class PipelineContractTest extends ServiceContractTest {

    @Override
    protected List<String> readinessChecks() {
        return List.of("kafka", "postgresql", "Redis connection health check");
    }
}
