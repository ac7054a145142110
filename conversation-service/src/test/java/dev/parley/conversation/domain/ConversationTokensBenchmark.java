package dev.parley.conversation.domain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Not a test: JMH measurement of conversation token validation and issuing on one thread (sample mode, so the
 * result has percentiles). Run with
 * {@code ./mvnw -B -pl conversation-service -am test -Dtest=ConversationTokensBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * results in {@code conversation-service/target/bench-tokens.txt}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConversationTokensBenchmark {

    private ConversationTokens tokens;
    private String token;
    private Instant now;
    private UUID cid;

    @Setup
    public void setUp() {
        tokens = new ConversationTokens(Map.of(
                "k1", "k1-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                "k2", "k2-fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8)), "k2", Duration.ofHours(24));
        now = Instant.now();
        cid = UUID.randomUUID();
        token = tokens.issue(cid, "a".repeat(64), "b".repeat(64), now);
    }

    @Benchmark
    public ConversationTokens.Claims verify() {
        return tokens.verify(token, now);
    }

    @Benchmark
    public String issue() {
        return tokens.issue(cid, "a".repeat(64), "b".repeat(64), now);
    }

    @Test
    void measure() throws Exception {
        var results = new Runner(new OptionsBuilder().include(ConversationTokensBenchmark.class.getName() + "\\.")
                .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .jvmArgsAppend("-XX:+UseSerialGC").build()).run();
        StringBuilder out = new StringBuilder();
        for (RunResult result : results) {
            var stats = result.getPrimaryResult().getStatistics();
            out.append("%s: p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.2f us (%d samples)%n".formatted(
                    result.getParams().getBenchmark().replaceAll(".*\\.", ""), stats.getPercentile(50),
                    stats.getPercentile(90), stats.getPercentile(99), stats.getPercentile(99.9), stats.getN()));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "bench-tokens.txt"), out);
    }
}
