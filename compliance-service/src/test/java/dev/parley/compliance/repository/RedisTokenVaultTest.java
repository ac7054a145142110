package dev.parley.compliance.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pii.PiiType;
import dev.parley.pii.scrub.TokenVault.Original;
import dev.parley.testing.TestJwtKeys;
import dev.parley.platform.audit.AuditPublisher;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The vault against the real Redis: numbering, reuse, TTLs, repair, tampering, races, and the audit entry it writes. */
@QuarkusTest
@QuarkusTestResource(TestJwtKeys.class)
class RedisTokenVaultTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Original JANE = new Original(PiiType.EMAIL, "jane@example.org");
    private static final Original JOHN = new Original(PiiType.EMAIL, "john@example.org");
    private static final Original PHONE = new Original(PiiType.PHONE, "555-123-4567");

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    AuditStream auditStream;

    @Inject
    AuditPublisher publisher;

    private final io.micrometer.core.instrument.Counter integrityFailures =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry().counter("integrity");

    private Vault vault() {
        return new Vault(new RedisTokenVault(reactiveRedis, KEY, Duration.ofMinutes(5), integrityFailures));
    }

    /** The vault's calls, awaited, each recording an audit event of its tenant as a scrub does. */
    private final class Vault {
        final RedisTokenVault vault;

        Vault(RedisTokenVault vault) {
            this.vault = vault;
        }

        List<String> tokenize(String tenant, String conversation, List<Original> originals) {
            return vault.tokenize(tenant, conversation, originals, entry(tenant)).await().atMost(Duration.ofSeconds(5));
        }

        Map<String, String> originals(String tenant, String conversation, List<String> placeholders) {
            return vault.originals(tenant, conversation, placeholders).await().atMost(Duration.ofSeconds(5));
        }
    }

    private AuditStream.Entry entry(String tenant) {
        return auditStream.entry(publisher.systemEvent(tenant, "pii.scrubbed", "text", null,
                dev.parley.contracts.audit.AuditEvent.Outcome.SUCCESS, dev.parley.contracts.audit.AuditDetails.builder().build()));
    }

    private static String base(String tenant, String conversation) {
        return RedisTokenVault.base(AuditStream.shard(tenant, conversation), tenant, conversation);
    }

    @Test
    void numbersPerTypeAndReusesAPlaceholderForTheSameValue() {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        assertThat(vault.tokenize(tenant, "c1", List.of(JANE, PHONE, JOHN)))
                .containsExactly("\u27E6EMAIL_1\u27E7", "\u27E6PHONE_1\u27E7", "\u27E6EMAIL_2\u27E7");
        assertThat(vault.tokenize(tenant, "c1", List.of(JOHN, new Original(PiiType.EMAIL, "ann@example.org"))))
                .containsExactly("\u27E6EMAIL_2\u27E7", "\u27E6EMAIL_3\u27E7");
        assertThat(vault.tokenize(tenant, "c2", List.of(JOHN))).as("another conversation numbers anew")
                .containsExactly("\u27E6EMAIL_1\u27E7");

        assertThat(vault.originals(tenant, "c1", List.of("\u27E6EMAIL_1\u27E7", "\u27E6PHONE_1\u27E7", "\u27E6EMAIL_9\u27E7")))
                .isEqualTo(Map.of("\u27E6EMAIL_1\u27E7", "jane@example.org", "\u27E6PHONE_1\u27E7", "555-123-4567"));
        assertThat(vault.originals("other-" + tenant, "c1", List.of("\u27E6EMAIL_1\u27E7"))).isEmpty();
    }

    @Test
    void everyKeyExpiresAndNoneHoldsAValueInTheClear() {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        vault.tokenize(tenant, "c1", List.of(JANE, PHONE));
        List<String> keys = redis.key().keys(base(tenant, "c1") + "*");
        assertThat(keys).hasSize(6);
        for (String key : keys) {
            assertThat(redis.key().pttl(key)).as(key).isBetween(1L, Duration.ofMinutes(5).toMillis());
            assertThat(key + redis.value(String.class).get(key)).as(key).doesNotContain("jane", "555-123");
        }
    }

    @Test
    void aLostValueIsSealedAgainUnderTheSamePlaceholder() {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        vault.tokenize(tenant, "c1", List.of(JANE));
        redis.key().del(base(tenant, "c1") + "p:EMAIL_1");
        assertThat(vault.originals(tenant, "c1", List.of("\u27E6EMAIL_1\u27E7"))).isEmpty();

        assertThat(vault.tokenize(tenant, "c1", List.of(JANE))).containsExactly("\u27E6EMAIL_1\u27E7");
        assertThat(vault.originals(tenant, "c1", List.of("\u27E6EMAIL_1\u27E7")))
                .containsEntry("\u27E6EMAIL_1\u27E7", "jane@example.org");
    }

    @Test
    void aValueMovedToAnotherPlaceholderFailsItsIntegrityCheck() {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        vault.tokenize(tenant, "c1", List.of(JANE, JOHN));
        String base = base(tenant, "c1");
        redis.value(String.class).set(base + "p:EMAIL_2", redis.value(String.class).get(base + "p:EMAIL_1"));
        assertThat(vault.originals(tenant, "c1", List.of("\u27E6EMAIL_1\u27E7", "\u27E6EMAIL_2\u27E7")))
                .as("the moved value is not restored, the intact one is").containsOnlyKeys("\u27E6EMAIL_1\u27E7");
        assertThat(integrityFailures.count()).isEqualTo(1.0);
    }

    @Test
    void concurrentTokenizingOfOneValueAgreesOnOnePlaceholder() throws Exception {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> calls = IntStream.range(0, 32)
                    .mapToObj(i -> (Callable<List<String>>) () -> vault.tokenize(tenant, "c1", List.of(JANE, JOHN)))
                    .toList();
            Set<List<String>> answers = new java.util.HashSet<>();
            for (Future<List<String>> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            assertThat(answers).hasSize(1);
            List<String> placeholders = answers.iterator().next();
            assertThat(placeholders).containsExactlyInAnyOrder("\u27E6EMAIL_1\u27E7", "\u27E6EMAIL_2\u27E7");
            assertThat(vault.originals(tenant, "c1", placeholders)).as("each sealed once, and under its own number")
                    .containsEntry(placeholders.get(0), JANE.value()).containsEntry(placeholders.get(1), JOHN.value());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAuditEntryIsInTheOutboxStreamBeforeAnyValue() {
        Vault vault = vault();
        String tenant = "t-" + UUID.randomUUID();
        String stream = AuditStream.streamKey(AuditStream.shard(tenant, "c1"));
        // the relay deletes entries it has published: read the stream as it is written, from a group of our own
        String group = "test-" + UUID.randomUUID();
        redis.execute("XGROUP", "CREATE", stream, group, "$", "MKSTREAM");
        try {
            vault.tokenize(tenant, "c1", List.of(JANE));
            io.vertx.mutiny.redis.client.Response read = redis.execute("XREADGROUP", "GROUP", group, "me", "COUNT", "100",
                    "STREAMS", stream, ">");
            List<String> mine = new java.util.ArrayList<>();
            // RESP3 answers a map of stream to messages
            for (io.vertx.mutiny.redis.client.Response message : read.get(stream)) {
                io.vertx.mutiny.redis.client.Response fields = message.get(1);
                if (fields.get(1).toString().equals(tenant)) {
                    mine.add(fields.get(5).toString());
                }
            }
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0)).contains("\"action\":\"pii.scrubbed\"").doesNotContain("jane");
        } finally {
            redis.execute("XGROUP", "DESTROY", stream, group);
        }
    }
}
