package dev.parley.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.config.PlatformConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Against the real local broker (./parley infra) and against brokers that are absent or never answer. */
class KafkaReadinessTest {

    @Test
    void upWhileTheBrokerAnswers() {
        HealthCheckResponse response = probe("127.0.0.1:9092");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void downWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(probe("127.0.0.1:" + closedPort).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void downWhenTheBrokerAcceptsButNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // accept, read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            HealthCheckResponse response = probe("127.0.0.1:" + silent.getLocalPort());
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow().get("error")).isNotNull();
            acceptor.interrupt();
        }
    }

    private static HealthCheckResponse probe(String bootstrap) {
        KafkaAdmin admin = new KafkaAdmin(Map.of("bootstrap.servers", bootstrap), config(Duration.ofMillis(800)));
        try {
            return new KafkaReadiness(admin).call().await().atMost(Duration.ofSeconds(30));
        } finally {
            admin.close();
        }
    }

    private static PlatformConfig config(Duration timeout) {
        return new PlatformConfig() {
            @Override
            public String service() {
                return "test";
            }

            @Override
            public Optional<String> home() {
                return Optional.empty();
            }

            @Override
            public Tenant tenant() {
                return Optional::empty;
            }

            @Override
            public Readiness readiness() {
                return new Readiness() {
                    @Override
                    public Duration timeout() {
                        return timeout;
                    }

                    @Override
                    public boolean postgres() {
                        return false;
                    }
                };
            }

            @Override
            public Audit audit() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Tracing tracing() {
                return Optional::empty;
            }

            @Override
            public Secrets secrets() {
                return List::of;
            }

            @Override
            public Http http() {
                return Optional::empty;
            }

            @Override
            public Jwt jwt() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
