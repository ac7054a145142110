package dev.parley.agent.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.llm.ToolSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tools the model may call, with their JSON Schema parameters. None takes a tenant or a workspace: those come from
 * the caller's token and the request, never from the model. Mutating tools only propose an action the user confirms.
 */
public final class AgentTools {

    public static final String STATS = "query_pipeline_stats";
    public static final String CASES = "query_cases";
    public static final String CASE_DETAIL = "query_case_detail";
    public static final String RULES = "query_rules";
    public static final String PROVIDER = "query_provider";
    public static final String UPDATE_STATUS = "update_case_status";
    public static final String COMMENT = "add_case_comment";
    public static final String REMINDER = "set_reminder";
    public static final String RUN_PIPELINE = "run_pipeline";

    /** Tools that need the analyst role of the caller. */
    public static final Set<String> ANALYST_ONLY = Set.of(UPDATE_STATUS, RUN_PIPELINE);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, ToolSpec> ALL = new LinkedHashMap<>();

    static {
        add(STATS, "Counts of the workspace: claims, providers, rule hits, cases by risk level and status, the last run.",
                params(), false);
        add(CASES, "Investigation cases, highest risk first.", params(
                "riskLevel", enumOf("low", "medium", "high", "critical"), false,
                "status", enumOf("open", "in_review", "escalated", "closed"), false,
                "limit", integer(1, 20), false), false);
        add(CASE_DETAIL, "One case: its provider, rule hits with points, evidence claims and comments.", params(
                "caseId", pattern("^CASE-[0-9]{6,12}$"), true), false);
        add(RULES, "The fraud rules with their weights, thresholds and hits in the workspace.", params(
                "triggeredOnly", bool(), false, "limit", integer(1, 20), false), false);
        add(PROVIDER, "A provider by NPI: claims, risk score and level, case, hits per rule.", params(
                "npi", string("the provider's 10-digit NPI, or its placeholder as written in the conversation"), true), false);
        add(UPDATE_STATUS, "Propose moving a case to another status (the user must confirm).", params(
                "caseId", pattern("^CASE-[0-9]{6,12}$"), true,
                "status", enumOf("open", "in_review", "escalated", "closed"), true), true);
        add(COMMENT, "Propose adding a comment to a case (the user must confirm).", params(
                "caseId", pattern("^CASE-[0-9]{6,12}$"), true, "text", string("the comment, at most 4000 characters"), true), true);
        add(REMINDER, "Propose a reminder for the user in this conversation (the user must confirm).", params(
                "when", string("when to remind, ISO-8601 date-time with offset, e.g. 2026-12-03T09:00:00Z"), true,
                "text", string("what to remind of, at most 500 characters"), true), true);
        add(RUN_PIPELINE, "Propose running the claims pipeline for the workspace (the user must confirm).", params(), true);
    }

    private AgentTools() {}

    /** Every tool, in a fixed order. */
    public static List<ToolSpec> all() {
        return List.copyOf(ALL.values());
    }

    /** The tools of {@code names} (unknown names ignored), in the catalogue's order. */
    public static List<ToolSpec> only(Collection<String> names) {
        return ALL.values().stream().filter(spec -> names.contains(spec.name())).toList();
    }

    public static ToolSpec spec(String name) {
        return ALL.get(name);
    }

    public static boolean isMutating(String name) {
        ToolSpec spec = ALL.get(name);
        return spec != null && spec.mutating();
    }

    private static void add(String name, String description, ObjectNode parameters, boolean mutating) {
        ALL.put(name, new ToolSpec(name, description, parameters, mutating));
    }

    /** An object schema from (name, schema, required) triples. */
    private static ObjectNode params(Object... triples) {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        for (int i = 0; i < triples.length; i += 3) {
            properties.set((String) triples[i], (ObjectNode) triples[i + 1]);
            if ((Boolean) triples[i + 2]) {
                required.add((String) triples[i]);
            }
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode node = NODES.objectNode().put("type", "string");
        var list = node.putArray("enum");
        for (String value : values) {
            list.add(value);
        }
        return node;
    }

    private static ObjectNode integer(int min, int max) {
        return NODES.objectNode().put("type", "integer").put("minimum", min).put("maximum", max);
    }

    private static ObjectNode bool() {
        return NODES.objectNode().put("type", "boolean");
    }

    private static ObjectNode pattern(String regex) {
        return NODES.objectNode().put("type", "string").put("pattern", regex);
    }

    private static ObjectNode string(String description) {
        return NODES.objectNode().put("type", "string").put("description", description);
    }
}
