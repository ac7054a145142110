package dev.parley.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import dev.parley.pii.scrub.InMemoryTokenVault;
import dev.parley.pii.scrub.Operator;
import dev.parley.pii.scrub.Scrubber;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * compliance-service, conversation-service and pipeline-service as the agent calls them, inside the test application
 * (the agent's REST clients point at the test port): the same paths and JSON, with the caller's JWT required, so the
 * agent is tested over HTTP exactly as it talks to the real services. compliance scrubs with the real PII engine and
 * an in-memory vault; conversation keeps conversations in memory; pipeline answers a fixed workspace {@code ws-1}.
 * Each can be switched {@code DOWN} (503) and records what it received.
 */
public final class ServiceDoubles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ServiceDoubles() {}

    /** Resets every double between tests. */
    public static void reset() {
        Compliance.DOWN.set(false);
        Compliance.RECEIVED.clear();
        Conversations.DOWN.set(false);
        Conversations.CONVERSATIONS.clear();
        Pipeline.DOWN.set(false);
        Pipeline.MUTATIONS.clear();
        Pipeline.CALLS.set(0);
    }

    /** compliance-service's {@code /v1/scrub} (tokenize) and {@code /v1/detokenize}. */
    @Path("/v1")
    @Authenticated
    public static class Compliance {

        public static final AtomicBoolean DOWN = new AtomicBoolean();
        public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
        private static final PiiDetector DETECTOR = new PiiDetector(Policy.of(Sensitivity.MODERATE));
        private static final InMemoryTokenVault VAULT = new InMemoryTokenVault();

        public record ScrubRequest(String text, String operator, String conversationId) {}

        public record ScrubbedFinding(String type, int start, int end, String placeholder) {}

        public record ScrubResponse(String text, List<ScrubbedFinding> findings, Map<String, Integer> stats) {}

        public record DetokenizeRequest(String text, String conversationId) {}

        public record TextResponse(String text) {}

        @POST
        @Path("/scrub")
        public ScrubResponse scrub(ScrubRequest request) {
            answer();
            RECEIVED.add(request.text());
            List<Finding> findings = DETECTOR.detect(request.text());
            Scrubber scrubber = new Scrubber(Operator.TOKENIZE, Map.of(), "k".repeat(32).getBytes(StandardCharsets.UTF_8),
                    VAULT, false);
            Scrubber.Result result = scrubber.scrub(request.text(), findings, "tenant", request.conversationId());
            return new ScrubResponse(result.text(), result.replacements().stream()
                    .map(r -> new ScrubbedFinding(r.type().name(), r.start(), r.end(), r.placeholder())).toList(),
                    Map.of());
        }

        @POST
        @Path("/detokenize")
        public TextResponse detokenize(DetokenizeRequest request) {
            answer();
            return new TextResponse(VAULT.restore("tenant", request.conversationId(), request.text()));
        }

        private static void answer() {
            if (DOWN.get()) {
                throw new WebApplicationException(503);
            }
        }
    }

    /** conversation-service's conversations, restore, turns and page context, in memory. */
    @Path("/v1/conversations")
    @Authenticated
    public static class Conversations {

        public static final AtomicBoolean DOWN = new AtomicBoolean();
        public static final Map<UUID, Stored> CONVERSATIONS = new ConcurrentHashMap<>();

        /** A conversation: its workspace, mode, messages (as the agent sent them) and current token. */
        public static final class Stored {
            public final UUID id;
            public final String workspaceId;
            public final String mode;
            public final List<JsonNode> messages = Collections.synchronizedList(new ArrayList<>());
            public volatile String token;
            public volatile String pageSummary;

            Stored(UUID id, String workspaceId, String mode) {
                this.id = id;
                this.workspaceId = workspaceId;
                this.mode = mode;
                this.token = next(id);
            }
        }

        private static final AtomicInteger TOKENS = new AtomicInteger();

        static String next(UUID id) {
            return "tok." + id + "." + TOKENS.incrementAndGet();
        }

        @POST
        @Path("")
        public Response open(JsonNode body) {
            answer();
            Stored stored = new Stored(UUID.randomUUID(), body.path("workspaceId").asText(), body.path("mode").asText("global"));
            JsonNode page = body.get("pageContext");
            if (page != null && page.isObject()) {
                stored.pageSummary = "summary of " + page.path("resourceType").asText() + " " + page.path("resourceId").asText();
            }
            CONVERSATIONS.put(stored.id, stored);
            return Response.status(201).entity(opened(stored)).build();
        }

        @POST
        @Path("/restore")
        public ObjectNode restore(@QueryParam("limit") int limit, JsonNode body) {
            answer();
            Stored stored = byToken(body.path("conversationToken").asText());
            stored.token = next(stored.id);
            ObjectNode restored = opened(stored);
            ArrayNode messages = restored.putArray("messages");
            List<JsonNode> all = List.copyOf(stored.messages);
            all.subList(Math.max(0, all.size() - limit), all.size()).forEach(messages::add);
            return restored;
        }

        @POST
        @Path("/{id}/turns")
        public ObjectNode append(@PathParam("id") UUID id, JsonNode body) {
            answer();
            Stored stored = byToken(body.path("conversationToken").asText());
            if (!stored.id.equals(id)) {
                throw new WebApplicationException(404);
            }
            long seq = stored.messages.size();
            ArrayNode seqs = NODES.arrayNode();
            for (JsonNode message : body.path("messages")) {
                ObjectNode kept = ((ObjectNode) message).deepCopy();
                kept.put("seq", ++seq);
                stored.messages.add(kept);
                seqs.add(seq);
            }
            stored.token = next(stored.id);
            ObjectNode answer = NODES.objectNode().put("conversationToken", stored.token);
            answer.set("seqs", seqs);
            return answer;
        }

        @PUT
        @Path("/{id}/page-context")
        public ObjectNode pageContext(@PathParam("id") UUID id, JsonNode body) {
            answer();
            Stored stored = CONVERSATIONS.get(id);
            if (stored == null) {
                throw new WebApplicationException(404);
            }
            JsonNode page = body.path("pageContext");
            stored.pageSummary = "summary of " + page.path("resourceType").asText() + " " + page.path("resourceId").asText();
            return NODES.objectNode().put("contextHash", "h").put("summary", stored.pageSummary).put("changed", true);
        }

        private static Stored byToken(String token) {
            return CONVERSATIONS.values().stream().filter(c -> token.equals(c.token)).findFirst()
                    .orElseThrow(() -> new WebApplicationException(404));
        }

        private static ObjectNode opened(Stored stored) {
            ObjectNode answer = NODES.objectNode().put("conversationId", stored.id.toString())
                    .put("conversationToken", stored.token).put("reused", false);
            answer.putObject("conversation").put("conversationId", stored.id.toString())
                    .put("workspaceId", stored.workspaceId).put("mode", stored.mode).put("messageCount", stored.messages.size());
            if (stored.pageSummary != null) {
                answer.putObject("pageContext").put("summary", stored.pageSummary);
            }
            return answer;
        }

        static void answer() {
            if (DOWN.get()) {
                throw new WebApplicationException(503);
            }
        }
    }

    /** conversation-service's reminders. */
    @Path("/v1/reminders")
    @Authenticated
    public static class Reminders {

        @POST
                public Response remind(JsonNode body) {
            Conversations.answer();
            Pipeline.MUTATIONS.add("reminder " + body.path("dueAt").asText() + " " + body.path("text").asText());
            return Response.status(201).entity(NODES.objectNode().put("reminderId", UUID.randomUUID().toString())
                    .put("dueAt", body.path("dueAt").asText()).put("status", "pending")).build();
        }

    }

    /**
     * pipeline-service's read API and case actions over one workspace, {@code ws-1}: cases CASE-000001 (critical) and
     * CASE-000002 (medium), two rules, one provider. Mutations are recorded, not applied.
     */
    @Path("/v1/workspaces/{ws}")
    @Authenticated
    public static class Pipeline {

        public static final AtomicBoolean DOWN = new AtomicBoolean();
        public static final List<String> MUTATIONS = new CopyOnWriteArrayList<>();
        public static final AtomicInteger CALLS = new AtomicInteger();
        public static final String NPI = "1234567893";

        @GET
        @Path("/stats")
        public JsonNode stats(@PathParam("ws") String ws) {
            workspace(ws);
            return read("""
                    {"workspaceId":"ws-1","claims":{"medical":4000,"pharmacy":1000,"unprocessed":0,"qualityFailed":13},
                     "providers":40,"members":500,"ruleHits":129,
                     "cases":{"total":2,"byRiskLevel":{"critical":1,"high":0,"medium":1,"low":0},
                              "byStatus":{"open":2,"in_review":0,"escalated":0,"closed":0}},
                     "lastRun":{"runId":"01a235ab-3274-77ee-b524-bde34909c788","status":"completed",
                                "startedAt":"2026-12-02T07:32:21Z","completedAt":"2026-12-02T07:32:22Z","claimsProcessed":5000},
                     "needsReprocessing":false}""");
        }

        @GET
        @Path("/cases")
        public JsonNode cases(@PathParam("ws") String ws, @QueryParam("riskLevel") String level,
                @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
            workspace(ws);
            ObjectNode page = NODES.objectNode();
            ArrayNode items = page.putArray("items");
            for (JsonNode summary : List.of(summary("CASE-000001", "critical", 85), summary("CASE-000002", "medium", 25))) {
                if (level == null || level.equals(summary.path("riskLevel").asText())) {
                    items.add(summary);
                }
            }
            page.putNull("nextCursor");
            return page;
        }

        @GET
        @Path("/cases/{caseId}")
        public JsonNode caseDetail(@PathParam("ws") String ws, @PathParam("caseId") String caseId) {
            workspace(ws);
            if (!caseId.equals("CASE-000001") && !caseId.equals("CASE-000002")) {
                throw new WebApplicationException(404);
            }
            ObjectNode detail = NODES.objectNode();
            detail.set("summary", summary(caseId, caseId.endsWith("1") ? "critical" : "medium", caseId.endsWith("1") ? 85 : 25));
            detail.set("rules", read("""
                    [{"ruleId":"RULE-MED-001","name":"Duplicate billing","hits":3,"points":45.0},
                     {"ruleId":"RULE-MED-003","name":"Excessive units","hits":2,"points":10.0}]"""));
            detail.set("evidence", read("""
                    [{"claimId":"MC-00000017","claimKind":"medical","ruleIds":["RULE-MED-001"],"serviceDate":"2025-03-02","code":"99215","amountBilled":180.00}]"""));
            detail.put("evidenceCount", 1);
            detail.putArray("comments");
            return detail;
        }

        @GET
        @Path("/rules")
        public JsonNode rules(@PathParam("ws") String ws, @QueryParam("triggeredOnly") boolean triggeredOnly) {
            workspace(ws);
            return read("""
                    [{"ruleId":"RULE-MED-001","name":"Duplicate billing","description":"d","claimKind":"medical","weight":15,"cap":45,"enabled":true,"thresholds":{},"hits":3,"providers":1},
                     {"ruleId":"RULE-MED-003","name":"Excessive units","description":"d","claimKind":"medical","weight":5,"cap":25,"enabled":true,"thresholds":{},"hits":2,"providers":1}]""");
        }

        @GET
        @Path("/providers/{npi}")
        public JsonNode provider(@PathParam("ws") String ws, @PathParam("npi") String npi) {
            workspace(ws);
            if (!NPI.equals(npi)) {
                throw new WebApplicationException(404);
            }
            return read("""
                    {"npi":"1234567893","name":"Dr. Bee","specialty":"Cardiology","state":"NY","medicalClaims":120,
                     "pharmacyClaims":0,"riskScore":85.0,"riskLevel":"critical","caseId":"CASE-000001",
                     "rules":[{"ruleId":"RULE-MED-001","name":"Duplicate billing","hits":3,"points":45.0}]}""");
        }

        @PATCH
        @Path("/cases/{caseId}")
        public JsonNode change(@PathParam("ws") String ws, @PathParam("caseId") String caseId, JsonNode body,
                @jakarta.ws.rs.core.Context HttpHeaders headers) {
            workspace(ws);
            MUTATIONS.add("status " + caseId + " " + body.path("status").asText());
            return caseDetail(ws, caseId);
        }

        @POST
        @Path("/cases/{caseId}/comments")
        public Response comment(@PathParam("ws") String ws, @PathParam("caseId") String caseId, JsonNode body) {
            workspace(ws);
            MUTATIONS.add("comment " + caseId + " " + body.path("body").asText());
            return Response.status(201).entity(NODES.objectNode().put("id", UUID.randomUUID().toString())).build();
        }

        @POST
        @Path("/jobs")
        public Response runPipeline(@PathParam("ws") String ws, JsonNode body) {
            workspace(ws);
            MUTATIONS.add("job");
            return Response.status(202).entity(NODES.objectNode().put("jobId", "01a235ab-0000-7000-8000-000000000001")
                    .put("status", "queued")).build();
        }

        private static void workspace(String ws) {
            CALLS.incrementAndGet();
            if (DOWN.get()) {
                throw new WebApplicationException(503);
            }
            if (!"ws-1".equals(ws)) {
                throw new WebApplicationException(403);
            }
        }

        private static ObjectNode summary(String caseId, String level, double score) {
            return (ObjectNode) read("""
                    {"caseId":"%s","providerNpi":"1234567893","providerName":"Dr. Bee","specialty":"Cardiology",
                     "riskScore":%s,"riskLevel":"%s","status":"open","assignee":null,"hitCount":5,
                     "updatedAt":"2026-12-02T07:32:21Z"}""".formatted(caseId, score, level));
        }

        private static JsonNode read(String json) {
            try {
                return JSON.readTree(json);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
