package dev.parley.e2e;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Not a test: chat turns over loopback against the running platform and its demo workspace, paced at a fixed rate,
 * each sample timed from its scheduled start.
 * <ol>
 *   <li>fast-path turns (no model: statistics, top cases, a case by id, rules; each a new conversation unless
 *       {@code bench.conversation-turns} says otherwise) through the
 *       gateway ({@code /api/v1/chat}) and straight to agent-service ({@code /v1/chat});</li>
 *   <li>turns that call a model: a second agent-service from the same jar (port 8092) whose model is an in-JVM HTTP
 *       server answering the OpenAI wire format at once (its own handling time measured at the model).</li>
 * </ol>
 * Eight connections share the rate, interleaved on one evenly spaced schedule; callers rotate over 120 users so the
 * gateway's per-user chat limit (60 a minute) is not what is measured. The agent's own time (the turn less its waits on
 * services, Kafka and the model) comes from its {@code agent_turn_overhead_seconds} histogram. Run with
 * {@code ./mvnw -B -Pe2e -pl e2e-tests -am verify -Dtest=ChatTurnBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.turns=N -Dbench.rate=P -Dbench.runs=R -Dbench.warmup=W -Dbench.model-rate=M
 * -Dbench.conversation-turns=T}).
 */
class ChatTurnBenchmark {

    private static final int REPLICA = 8092;
    private static final int CALLERS = 8;
    /** Turns answered with anything but 200 (reported with the latencies: an overloaded machine sheds load). */
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final String ANSWER = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"Billing often rises before holidays as \
            clinics clear their schedules; the workspace data does not show why for this provider."},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":420,"completion_tokens":28,"total_tokens":448}}""";
    private static final String OVERHEAD = "agent_turn_overhead_seconds";
    /** Turns per conversation: 1 opens a new conversation every turn; more continue it with its token. */
    private static final int CONVERSATION_TURNS = Integer.getInteger("bench.conversation-turns", 1);
    private static final Pattern CONVERSATION_TOKEN = Pattern.compile("\"conversationToken\":\"([^\"]+)\"");
    private static final List<String> FAST = List.of("How many cases are there in this workspace?",
            "What are the top risk cases?", "Tell me about CASE-000001", "Which rules fired the most?");

    @Test
    void measure() throws Exception {
        int turns = Integer.getInteger("bench.turns", 3000);
        int rate = Integer.getInteger("bench.rate", 100);
        int runs = Integer.getInteger("bench.runs", 2);
        int warmup = Integer.getInteger("bench.warmup", 500);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            tokens.add(ParleyCli.token("demo", "bench-" + i, "user", "demo"));
        }
        List<String> lines = new ArrayList<>();
        lines.add("turns per conversation: " + CONVERSATION_TURNS);
        turns(8080, "/api/v1/chat", tokens, FAST, warmup, rate);
        turns(8082, "/v1/chat", tokens, FAST, warmup, rate);
        for (int run = 1; run <= runs; run++) {
            REFUSED.set(0);
            String viaGateway = Bench.summary(turns(8080, "/api/v1/chat", tokens, FAST, turns, rate)) + ", not 200: "
                    + REFUSED.getAndSet(0);
            var before = Bench.histogram(8082, OVERHEAD, "fast");
            String direct = Bench.summary(turns(8082, "/v1/chat", tokens, FAST, turns, rate)) + ", not 200: "
                    + REFUSED.getAndSet(0);
            String own = Bench.quantiles(before, Bench.histogram(8082, OVERHEAD, "fast"));
            lines.add("run %d, fast path at %d/s: through the gateway %s | straight to agent-service %s | the agent's own time %s"
                    .formatted(run, rate, viaGateway, direct, own));
        }

        AtomicLong modelNanos = new AtomicLong();
        AtomicLong modelCalls = new AtomicLong();
        HttpServer model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        model.setExecutor(Executors.newFixedThreadPool(4));
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        model.createContext("/v1/chat/completions", exchange -> {
            long start = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            modelNanos.addAndGet(System.nanoTime() - start);
            modelCalls.incrementAndGet();
        });
        model.start();
        Process replica = ServiceProcess.start("agent", REPLICA, "agent-bench",
                "parley.agent.llm.base-url=http://127.0.0.1:" + model.getAddress().getPort() + "/v1",
                "parley.agent.llm.api-key=bench-key", "parley.agent.llm.model=bench-model");
        try {
            List<String> open = List.of("Why do you think billing changes around the holidays?");
            int modelRate = Integer.getInteger("bench.model-rate", rate);
            turns(REPLICA, "/v1/chat", tokens, open, Math.max(warmup, 500), modelRate);
            for (int run = 1; run <= runs; run++) {
                modelNanos.set(0);
                modelCalls.set(0);
                REFUSED.set(0);
                var before = Bench.histogram(REPLICA, OVERHEAD, "llm");
                long[] nanos = turns(REPLICA, "/v1/chat", tokens, open, turns, modelRate);
                String own = Bench.quantiles(before, Bench.histogram(REPLICA, OVERHEAD, "llm"));
                double modelMs = modelNanos.get() / 1e6 / Math.max(1, modelCalls.get());
                lines.add(("run %d, one model call per turn at %d/s: turn %s, not 200: %d | mean model handling %.3f ms"
                        + " over %d calls | the agent's own time %s")
                        .formatted(run, modelRate, Bench.summary(nanos), REFUSED.get(), modelMs, modelCalls.get(), own));
            }
        } finally {
            replica.destroy();
            replica.waitFor();
            model.stop(0);
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "bench-chat.txt"), lines);
    }

    /**
     * {@code count} turns at {@code rate} a second in all, from {@link #CALLERS} connections taking turns on one fixed
     * schedule (one connection could not keep a rate whose interval is shorter than a turn).
     */
    private static long[] turns(int port, String path, List<String> tokens, List<String> messages, int count, int rate)
            throws Exception {
        long[] nanos = new long[count];
        List<Thread> callers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            callers.add(Thread.ofPlatform().start(() -> {
                try (LoopbackHttp http = new LoopbackHttp(port)) {
                    Bench.Pacer pacer = new Bench.Pacer(rate, caller, CALLERS);
                    // a user's turns all come from one caller (120 users, 8 callers): its conversation is this caller's
                    Map<Integer, String> conversation = new HashMap<>();
                    Map<Integer, Integer> turnsIn = new HashMap<>();
                    for (int i = caller; i < count; i += CALLERS) {
                        int user = i % tokens.size();
                        String continued = conversation.get(user);
                        String body = "{\"workspaceId\":\"demo\",\"message\":\"" + messages.get(i % messages.size()) + "\""
                                + (continued == null ? "" : ",\"conversationToken\":\"" + continued + "\"") + "}";
                        long start = pacer.next();
                        LoopbackHttp.Response reply = http.postJson(path, tokens.get(user), body);
                        nanos[i] = System.nanoTime() - start;
                        if (reply.status() != 200) {
                            REFUSED.incrementAndGet();
                            conversation.remove(user);
                            continue;
                        }
                        int turnsSoFar = turnsIn.merge(user, 1, Integer::sum);
                        Matcher token = CONVERSATION_TOKEN.matcher(reply.body());
                        if (turnsSoFar < CONVERSATION_TURNS && token.find()) {
                            conversation.put(user, token.group(1));
                        } else {
                            conversation.remove(user);
                            turnsIn.remove(user);
                        }
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        if (failed.get() != null) {
            throw new AssertionError("a turn failed", failed.get());
        }
        return nanos;
    }
}
