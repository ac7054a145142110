package dev.parley.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.client.CallContext;
import dev.parley.agent.client.Compliance;
import dev.parley.agent.client.Pipeline;
import dev.parley.agent.domain.Source;
import dev.parley.agent.llm.ToolExecutor;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The model's tools for one turn, bound to the caller and the request's workspace: the model names what to look at
 * (a case id, a status), never whose data. Every result the model sees is scrubbed through compliance-service with
 * this conversation's placeholders first. A case id is checked to belong to the workspace before anything uses it;
 * mutating tools only propose an action ({@link PendingActions}), which runs when the user confirms it. A refused or
 * failed call becomes an error result the model can explain, never an exception.
 */
public final class WorkspaceTools implements ToolExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Pattern CASE_ID = Pattern.compile("CASE-[0-9]{6,12}");
    private static final Pattern NPI = Pattern.compile("[0-9]{10}");
    private static final Set<String> LEVELS = Set.of("low", "medium", "high", "critical");
    private static final Set<String> STATUSES = Set.of("open", "in_review", "escalated", "closed");

    private final CallContext ctx;
    private final Caller caller;
    private final String workspaceId;
    private final UUID conversationId;
    private final Set<String> allowed;
    private final Pipeline pipeline;
    private final Compliance compliance;
    private final PendingActions actions;

    /** What the turn learns from the calls. */
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());
    private final List<PendingActions.Proposed> proposed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Source> sources = Collections.synchronizedMap(new LinkedHashMap<>());

    /** A tool call of this turn and how it ended: {@code completed}, {@code failed}, {@code refused} or {@code proposed}. */
    public record Invocation(String name, String status) {}

    public WorkspaceTools(CallContext ctx, Caller caller, String workspaceId, UUID conversationId, Set<String> allowed,
            Pipeline pipeline, Compliance compliance, PendingActions actions) {
        this.ctx = ctx;
        this.caller = caller;
        this.workspaceId = workspaceId;
        this.conversationId = conversationId;
        this.allowed = Set.copyOf(allowed);
        this.pipeline = pipeline;
        this.compliance = compliance;
        this.actions = actions;
    }

    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public List<PendingActions.Proposed> proposed() {
        return List.copyOf(proposed);
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    /** Whether any call brought workspace data into the answer. */
    public boolean usedData() {
        return invocations.stream().anyMatch(i -> i.status().equals("completed"));
    }

    @Override
    public Uni<String> execute(String tool, JsonNode arguments) {
        JsonNode args = arguments == null || arguments.isNull() ? NODES.objectNode() : arguments;
        if (!allowed.contains(tool)) {
            return refuse(tool, "The tool " + tool + " is not available in this chat.");
        }
        if (AgentTools.ANALYST_ONLY.contains(tool) && !caller.roles().contains("analyst") && !caller.roles().contains("admin")) {
            return refuse(tool, "This needs the analyst role, which the user does not have.");
        }
        try {
            return switch (tool) {
                case AgentTools.STATS -> read(tool, pipeline.stats(ctx, workspaceId), source("stats", workspaceId, "/stats"));
                case AgentTools.CASES -> read(tool, pipeline.cases(ctx, workspaceId, oneOf(args, "riskLevel", LEVELS),
                        oneOf(args, "status", STATUSES), limit(args)), null);
                case AgentTools.CASE_DETAIL -> {
                    String caseId = caseId(args);
                    yield read(tool, pipeline.caseDetail(ctx, workspaceId, caseId), source("case", caseId, "/cases/" + caseId));
                }
                case AgentTools.RULES -> read(tool, pipeline.rules(ctx, workspaceId, args.path("triggeredOnly").asBoolean(false))
                        .map(rules -> first(rules, limit(args))), null);
                case AgentTools.PROVIDER -> npi(text(args, "npi")).flatMap(npi -> read(tool,
                        pipeline.provider(ctx, workspaceId, npi), source("provider", npi, "/providers/" + npi)));
                case AgentTools.UPDATE_STATUS -> {
                    String caseId = caseId(args);
                    String status = oneOf(args, "status", STATUSES);
                    if (status == null) {
                        throw new IllegalArgumentException("status must be open, in_review, escalated or closed");
                    }
                    yield proposeForCase(tool, caseId, args, "Set " + caseId + " to " + status.replace('_', ' '));
                }
                case AgentTools.COMMENT -> {
                    String caseId = caseId(args);
                    String text = text(args, "text");
                    if (text.isBlank() || text.length() > 4000) {
                        throw new IllegalArgumentException("text must be 1 to 4000 characters");
                    }
                    yield proposeForCase(tool, caseId, args, "Add a comment to " + caseId);
                }
                case AgentTools.REMINDER -> {
                    OffsetDateTime when = OffsetDateTime.parse(text(args, "when"));
                    String text = text(args, "text");
                    if (text.isBlank() || text.length() > 500) {
                        throw new IllegalArgumentException("text must be 1 to 500 characters");
                    }
                    yield propose(tool, args, "Remind you at " + when + ": " + text);
                }
                case AgentTools.RUN_PIPELINE -> propose(tool, NODES.objectNode(), "Run the claims pipeline for workspace " + workspaceId);
                default -> refuse(tool, "There is no tool " + tool + ".");
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return refuse(tool, "Invalid arguments: " + e.getMessage());
        }
    }

    private Uni<String> read(String tool, Uni<JsonNode> call, Source source) {
        return call.flatMap(result -> scrubbed(result.toString()))
                .invoke(text -> {
                    invocations.add(new Invocation(tool, "completed"));
                    if (source != null) {
                        sources.putIfAbsent(source.type() + ":" + source.id(), source);
                    }
                })
                .onFailure(ProblemException.class).recoverWithUni(failure -> failure instanceof Pipeline.NotFound
                        ? refuse(tool, failure.getMessage()) : failed(tool, failure.getMessage()));
    }

    /** A mutating call on a case: only for a case of this workspace. */
    private Uni<String> proposeForCase(String tool, String caseId, JsonNode args, String summary) {
        return pipeline.caseDetail(ctx, workspaceId, caseId)
                .flatMap(exists -> propose(tool, args, summary))
                .onFailure(Pipeline.NotFound.class).recoverWithUni(missing -> refuse(tool, caseId + " is not a case of this workspace."))
                .onFailure(ProblemException.class).recoverWithUni(failure -> failed(tool, failure.getMessage()));
    }

    private Uni<String> propose(String tool, JsonNode args, String summary) {
        PendingActions.Proposed action = actions.propose(tool, args, conversationId, caller.subjectHash(), summary);
        proposed.add(action);
        invocations.add(new Invocation(tool, "proposed"));
        ObjectNode result = NODES.objectNode().put("status", "confirmation_required").put("summary", summary)
                .put("note", "Nothing has changed yet. Tell the user what will happen and that they must confirm it.");
        return Uni.createFrom().item(result.toString());
    }

    private Uni<String> refuse(String tool, String reason) {
        invocations.add(new Invocation(tool, "refused"));
        return Uni.createFrom().item(NODES.objectNode().put("error", reason).toString());
    }

    private Uni<String> failed(String tool, String reason) {
        invocations.add(new Invocation(tool, "failed"));
        return Uni.createFrom().item(NODES.objectNode().put("error", reason == null ? "The call failed." : reason).toString());
    }

    /** The model's copy of a result: personal data replaced by this conversation's placeholders. */
    private Uni<String> scrubbed(String json) {
        return compliance.scrub(ctx, json, conversationId).map(Compliance.Scrubbed::text);
    }

    /** A placeholder the model copied from the conversation is restored from this conversation's vault. */
    private Uni<String> npi(String value) {
        Uni<String> restored = value.indexOf('\u27E6') >= 0 ? compliance.detokenize(ctx, value, conversationId)
                : Uni.createFrom().item(value);
        return restored.map(String::strip).map(npi -> {
            if (!NPI.matcher(npi).matches()) {
                throw new IllegalArgumentException("npi must be 10 digits");
            }
            return npi;
        });
    }

    private static Source source(String type, String id, String href) {
        return new Source(type, id, type.equals("stats") ? "Workspace statistics" : id, href);
    }

    private static String caseId(JsonNode args) {
        String caseId = text(args, "caseId").strip().toUpperCase(java.util.Locale.ROOT);
        if (!CASE_ID.matcher(caseId).matches()) {
            throw new IllegalArgumentException("caseId must look like CASE-000123");
        }
        return caseId;
    }

    private static String text(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.asText();
    }

    private static String oneOf(JsonNode args, String name, Set<String> values) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip().toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
        if (!values.contains(text)) {
            throw new IllegalArgumentException(name + " must be one of " + values);
        }
        return text;
    }

    private static Integer limit(JsonNode args) {
        JsonNode value = args.get("limit");
        if (value == null || value.isNull()) {
            return 10;
        }
        if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 20) {
            throw new IllegalArgumentException("limit must be 1 to 20");
        }
        return value.asInt();
    }

    private static JsonNode first(JsonNode list, int limit) {
        if (!list.isArray() || list.size() <= limit) {
            return list;
        }
        ArrayNode cut = NODES.arrayNode();
        for (int i = 0; i < limit; i++) {
            cut.add(list.get(i));
        }
        return cut;
    }

    /** Turns the arguments the model gave into JSON for the action record (never null). */
    static JsonNode arguments(String json) {
        try {
            return json == null || json.isBlank() ? NODES.objectNode() : JSON.readTree(json);
        } catch (java.io.IOException e) {
            return NODES.objectNode();
        }
    }
}
