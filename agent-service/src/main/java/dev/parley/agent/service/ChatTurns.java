package dev.parley.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.agent.client.CallContext;
import dev.parley.agent.client.Compliance;
import dev.parley.agent.client.ConversationViews;
import dev.parley.agent.client.Conversations;
import dev.parley.agent.client.Pipeline;
import dev.parley.agent.client.PipelineViews;
import dev.parley.agent.config.AgentConfig;
import dev.parley.agent.domain.ChatReply;
import dev.parley.agent.domain.ChatRequest;
import dev.parley.agent.domain.Classification;
import dev.parley.agent.domain.Confidence;
import dev.parley.agent.domain.Intent;
import dev.parley.agent.domain.PageContext;
import dev.parley.agent.domain.Source;
import dev.parley.agent.domain.Usage;
import dev.parley.agent.domain.Validation;
import dev.parley.agent.llm.AgentRequest;
import dev.parley.agent.llm.AgentResult;
import dev.parley.agent.llm.LlmAgent;
import dev.parley.agent.llm.LlmUnavailable;
import dev.parley.agent.llm.TurnListener;
import dev.parley.agent.llm.UsageMeter;
import dev.parley.agent.prompt.PromptRegistry;
import dev.parley.agent.prompt.PromptVersion;
import dev.parley.agent.structured.CaseSummary;
import dev.parley.agent.structured.Parsed;
import dev.parley.agent.structured.Report;
import dev.parley.agent.structured.StructuredOutputParser;
import dev.parley.agent.structured.StructuredPrompts;
import dev.parley.contracts.audit.AuditDetails;
import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.problem.Problem;
import dev.parley.contracts.problem.ProblemKind;
import dev.parley.platform.audit.AuditPublisher;
import dev.parley.platform.security.Caller;
import dev.parley.platform.web.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One chat turn, start to end (README: A chat turn):
 * <ol>
 *   <li>the conversation, from the token (the page-refresh path) or a new one; the workspace must be in the token's
 *       {@code wks};</li>
 *   <li>an action the user confirms runs now, once;</li>
 *   <li>the message is tokenized through compliance-service, failing closed: without it, nothing goes further;</li>
 *   <li>intent and entities by rules; destructive requests refused, out-of-page questions reminded of the page's
 *       scope, clear questions answered from pipeline data (the fast path), clear status changes proposed;</li>
 *   <li>anything else goes to the LLM with the last messages, the page preamble and the tools the page allows; with no
 *       LLM, or when it fails, an honest degraded answer;</li>
 *   <li>case and rule ids the workspace has are linked, others removed and flagged; the user's copy gets its
 *       placeholders restored, the stored copy keeps them;</li>
 *   <li>the user message (scrubbed) and the answer are appended to the conversation in one call, and the turn is
 *       audited ({@code chat.turn.completed}: path, intent, confidence, tools, prompt version, model, tokens).</li>
 * </ol>
 * Confidence: {@code high} answered from data (or a deterministic answer), {@code medium} the model with tool data,
 * {@code low} the model without data, or a fallback.
 */
@ApplicationScoped
public class ChatTurns {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern CASE_IDS = Pattern.compile("CASE-[0-9]{6,12}");
    private static final Pattern RULE_IDS = Pattern.compile("RULE-[A-Z]{2,4}-[0-9]{3}");
    private static final String SYSTEM_PROMPT = "chat-system";
    private static final String FAST = "fast";
    private static final String MODEL = "llm";
    private static final String FALLBACK = "fallback";

    private final Conversations conversations;
    private final Compliance compliance;
    private final Pipeline pipeline;
    private final IntentClassifier classifier;
    private final FastPath fastPath;
    private final ReplyPostProcessor postProcessor;
    private final PageScope pageScope;
    private final LlmAgent llm;
    private final PromptRegistry prompts;
    private final StructuredOutputParser parser;
    private final PendingActions actions;
    private final ActionRunner actionRunner;
    private final AuditPublisher audit;
    private final AgentConfig config;
    private final MeterRegistry registry;

    public ChatTurns(Conversations conversations, Compliance compliance, Pipeline pipeline, IntentClassifier classifier,
            FastPath fastPath, PageScope pageScope, ReplyPostProcessor postProcessor, LlmAgent llm, PromptRegistry prompts,
            StructuredOutputParser parser, PendingActions actions, ActionRunner actionRunner, AuditPublisher audit,
            AgentConfig config, MeterRegistry registry) {
        this.conversations = conversations;
        this.compliance = compliance;
        this.pipeline = pipeline;
        this.classifier = classifier;
        this.fastPath = fastPath;
        this.postProcessor = postProcessor;
        this.pageScope = pageScope;
        this.llm = llm;
        this.prompts = prompts;
        this.parser = parser;
        this.actions = actions;
        this.actionRunner = actionRunner;
        this.audit = audit;
        this.config = config;
        this.registry = registry;
    }

    /** What a turn learns on its way: filled step by step, read at the end. */
    private static final class Turn {
        final Caller caller;
        final CallContext ctx;
        final ChatRequest request;
        final PageContext page;
        final UsageMeter usage = new UsageMeter();
        Conversations.Opened conversation;
        String rawMessage;
        String scrubbed;
        Map<String, String> originals = Map.of();
        Classification classification;
        String path = FALLBACK;
        String reply = "";
        boolean replyHasRawData;
        List<Source> sources = new ArrayList<>();
        List<ChatReply.ToolCall> toolCalls = new ArrayList<>();
        Confidence confidence = Confidence.LOW;
        String model;
        String promptVersion;
        Validation validation = Validation.notApplicable();
        ChatReply.PendingAction pending;
        List<String> flagged = List.of();
        List<ConversationViews.NewMessage> extraMessages = new ArrayList<>();

        Turn(Caller caller, CallContext ctx, ChatRequest request, PageContext page) {
            this.caller = caller;
            this.ctx = ctx;
            this.request = request;
            this.page = page;
        }

        Intent intent() {
            return classification == null ? Intent.ACTION : classification.intent();
        }
    }

    /**
     * Runs a turn. {@code onConversation} hears the conversation id as soon as it is known (the stream's {@code meta});
     * {@code listener} hears tokens and tool calls when streaming. Cancelling the returned {@code Uni} cancels the
     * model call; what the model used so far is still counted.
     */
    public Uni<ChatReply> run(Caller caller, CallContext ctx, ChatRequest request, boolean stream,
            Consumer<UUID> onConversation, TurnListener listener) {
        Turn turn = new Turn(caller, ctx, request, validate(caller, request));
        long started = System.nanoTime();
        return open(turn)
                .invoke(opened -> onConversation.accept(opened.conversationId()))
                .flatMap(opened -> request.confirmActionId() != null ? confirm(turn) : answer(turn, stream, listener))
                .flatMap(answered -> finish(turn))
                .invoke(reply -> {
                    long took = System.nanoTime() - started;
                    Timer.builder("agent.turn").description("Chat turns, from request to answer")
                            .tag("path", turn.path).publishPercentileHistogram().register(registry)
                            .record(took, TimeUnit.NANOSECONDS);
                    Timer.builder("agent.turn.overhead")
                            .description("The agent's own time in a turn: the turn less its waits on other services, "
                                    + "Kafka and the model")
                            .tag("path", turn.path).publishPercentileHistogram().register(registry)
                            .record(Math.max(0, took - ctx.waits().nanos() - turn.usage.modelNanos()), TimeUnit.NANOSECONDS);
                    count(turn);
                })
                .onFailure().call(failure -> turn.conversation == null ? Uni.createFrom().voidItem()
                        : audit.record(caller, "chat.turn.failed", "conversation", turn.conversation.conversationId().toString(),
                                        AuditEvent.Outcome.ERROR, AuditDetails.builder().kind("intent", turn.intent())
                                                .code("reason", failure instanceof ProblemException problem
                                                        ? problem.kind().slug() : "internal").build())
                                .onFailure().recoverWithNull())
                .onCancellation().invoke(() -> {
                    Usage used = turn.usage.total();
                    tokens(used);
                    if (turn.conversation != null) {
                        audit.record(caller, "chat.turn.cancelled", "conversation", turn.conversation.conversationId().toString(),
                                AuditEvent.Outcome.ERROR, AuditDetails.builder().kind("intent", turn.intent())
                                        .count("promptTokens", used.promptTokens())
                                        .count("completionTokens", used.completionTokens()).build())
                                .subscribe().with(done -> { }, failure -> { });
                    }
                });
    }

    /** Refuses what no turn may be, before anything is called; the page context in page mode. */
    private PageContext validate(Caller caller, ChatRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String message = request.message() == null ? "" : request.message();
        if (request.confirmActionId() == null && message.isBlank()) {
            errors.add(new Problem.FieldError("body.message", "must not be blank"));
        }
        if (message.indexOf('\u0000') >= 0) {
            errors.add(new Problem.FieldError("body.message", "must not contain NUL characters"));
        }
        PageContext page = null;
        if ("page".equals(request.modeOrDefault())) {
            if (request.pageContext() == null || !request.pageContext().isObject()) {
                errors.add(new Problem.FieldError("body.pageContext", "is required in page mode"));
            } else {
                page = pageContext(request.pageContext(), errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemKind.VALIDATION,
                    errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.", errors);
        }
        if (message.length() > config.turn().maxMessageChars()) {
            throw new ProblemException(ProblemKind.PAYLOAD_TOO_LARGE, "The message is longer than "
                    + config.turn().maxMessageChars() + " characters.");
        }
        if (!caller.mayUse(request.workspaceId())) {
            throw new jakarta.ws.rs.ForbiddenException("The token does not grant this workspace.");
        }
        return page;
    }

    private static PageContext pageContext(JsonNode node, List<Problem.FieldError> errors) {
        try {
            PageContext page = JSON.treeToValue(node, PageContext.class);
            if (page.resourceType() == null || page.resourceId() == null || page.pageKey() == null) {
                errors.add(new Problem.FieldError("body.pageContext", "needs resourceType, resourceId and pageKey"));
            }
            return page;
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            errors.add(new Problem.FieldError("body.pageContext", "is not a page context"));
            return null;
        }
    }

    /** The conversation of the token, or a new one; in page mode with its page context stored (and redacted). */
    private Uni<Conversations.Opened> open(Turn turn) {
        ChatRequest request = turn.request;
        Uni<Conversations.Opened> opened = request.conversationToken() == null
                ? conversations.open(turn.ctx, request.workspaceId(), request.modeOrDefault(), request.pageContext(),
                        request.caseId())
                : conversations.restore(turn.ctx, request.conversationToken(), config.turn().history())
                        .flatMap(restored -> {
                            if (!restored.workspaceId().equals(request.workspaceId())) {
                                throw new ProblemException(ProblemKind.VALIDATION, "1 field is invalid.", List.of(
                                        new Problem.FieldError("workspaceId", "is not the conversation's workspace")));
                            }
                            if (turn.page == null) {
                                return Uni.createFrom().item(restored);
                            }
                            return conversations.pageContext(turn.ctx, restored.conversationId(), request.pageContext())
                                    .map(summary -> new Conversations.Opened(restored.conversationId(),
                                            restored.workspaceId(), restored.mode(), restored.history(), summary,
                                            turn.page.resourceType(), turn.page.resourceId(), restored.token()));
                        });
        return opened.invoke(conversation -> turn.conversation = conversation);
    }

    /** A confirmed action: verified, not done before in this conversation, run now with the user's token. */
    private Uni<Void> confirm(Turn turn) {
        UUID conversationId = turn.conversation.conversationId();
        PendingActions.Action action = actions.verify(turn.request.confirmActionId(), conversationId,
                        turn.caller.subjectHash())
                .filter(verified -> !alreadyExecuted(turn.conversation, verified.nonce()))
                .orElseThrow(() -> new ProblemException(ProblemKind.CONFLICT,
                        "This action cannot be confirmed: it is unknown here, has expired or was done already."));
        turn.classification = new Classification(Intent.ACTION, 1.0, dev.parley.agent.domain.Entities.NONE, false);
        turn.rawMessage = turn.request.message() == null || turn.request.message().isBlank()
                ? "Confirm." : turn.request.message();
        return compliance.scrub(turn.ctx, turn.rawMessage, conversationId)
                .invoke(tokenized -> turn.scrubbed = tokenized.text())
                .flatMap(tokenized -> actionRunner.run(turn.ctx, turn.caller, turn.request.workspaceId(), conversationId, action))
                .invoke(done -> {
                    turn.path = "action";
                    turn.reply = done;
                    turn.confidence = Confidence.HIGH;
                    turn.toolCalls.add(new ChatReply.ToolCall(action.tool(), "executed"));
                    ObjectNode marker = NODES.objectNode().put("executedAction", action.nonce().toString())
                            .put("tool", action.tool());
                    turn.extraMessages.add(new ConversationViews.NewMessage("tool", marker.toString(), null, null, null,
                            null, null));
                })
                .replaceWithVoid();
    }

    private static boolean alreadyExecuted(Conversations.Opened conversation, UUID nonce) {
        String marker = "\"executedAction\":\"" + nonce + "\"";
        return conversation.history().stream().anyMatch(m -> "tool".equals(m.role()) && m.content() != null
                && m.content().contains(marker));
    }

    /** The answer to a message: scrubbed, classified, then the first route that applies. */
    private Uni<Void> answer(Turn turn, boolean stream, TurnListener listener) {
        turn.rawMessage = turn.request.message();
        UUID conversationId = turn.conversation.conversationId();
        return compliance.scrub(turn.ctx, turn.rawMessage, conversationId).flatMap(scrubbed -> {
            turn.scrubbed = scrubbed.text();
            turn.originals = scrubbed.originals();
            IntentClassifier.Analysis analysis = classifier.analyze(turn.scrubbed, turn.page, turn.originals);
            turn.classification = analysis.classification();
            if (analysis.isDestructive()) {
                return deterministic(turn, "refused", analysis.destructive() == IntentClassifier.Destructive.CHANGE_PERMISSIONS
                        ? "I can't change roles or permissions. An administrator manages access outside this chat."
                        : "I can't delete cases or data. A case is closed, not deleted: ask me to close it if the "
                                + "investigation is over.");
            }
            if (turn.classification.intent() == Intent.OUT_OF_SCOPE_PAGE && turn.page != null) {
                return deterministic(turn, "page-scope", pageScope.reminder(turn.page));
            }
            if (turn.classification.intent() == Intent.CLARIFICATION && !llm.available()) {
                return deterministic(turn, "clarification", "Could you say a little more? For example a case id "
                        + "(CASE-000123), a rule (RULE-MED-001), a provider's NPI, or what you would like to know about "
                        + "the workspace.");
            }
            java.util.Optional<FastQuery> fast = fastPath.match(turn.scrubbed, turn.classification, turn.page);
            if (fast.isPresent()) {
                return fastAnswer(turn, fast.get());
            }
            java.util.Optional<ProposedChange> change = proposedChange(turn);
            if (change.isPresent() && !turn.classification.ambiguous()) {
                return propose(turn, change.get());
            }
            return modelAnswer(turn, stream, listener);
        });
    }

    private Uni<Void> deterministic(Turn turn, String path, String text) {
        turn.path = path;
        turn.reply = text;
        turn.confidence = Confidence.HIGH;
        return Uni.createFrom().voidItem();
    }

    /** Answers from pipeline data alone. */
    private Uni<Void> fastAnswer(Turn turn, FastQuery query) {
        String ws = turn.request.workspaceId();
        Uni<FastAnswer> answer = switch (query) {
            case FastQuery.WorkspaceStats stats -> pipeline.stats(turn.ctx, ws)
                    .map(json -> fastPath.answer(stats, view(json, PipelineViews.Stats.class)));
            case FastQuery.TopRiskCases cases -> pipeline.cases(turn.ctx, ws, cases.riskLevel(), cases.status(),
                            cases.limit())
                    .map(json -> fastPath.answer(cases, view(json, PipelineViews.CasePage.class)));
            case FastQuery.CaseDetail detail -> pipeline.caseDetail(turn.ctx, ws, detail.caseId())
                    .map(json -> fastPath.answer(detail, view(json, PipelineViews.CaseDetail.class)))
                    .onFailure(Pipeline.NotFound.class).recoverWithItem(() -> fastPath.answer(detail, null));
            case FastQuery.RuleStats rules -> pipeline.rules(turn.ctx, ws, rules.triggeredOnly())
                    .map(json -> fastPath.answer(rules, List.of(JSON.convertValue(json, PipelineViews.RuleView[].class))));
            case FastQuery.ProviderLookup lookup -> {
                FastQuery.ProviderLookup resolved = lookup.resolve(turn.originals);
                if (resolved.needsResolving()) {
                    yield Uni.createFrom().item(fastPath.answer(resolved, null));
                }
                yield pipeline.provider(turn.ctx, ws, resolved.npi())
                        .map(json -> fastPath.answer(resolved, view(json, PipelineViews.ProviderView.class)))
                        .onFailure(Pipeline.NotFound.class).recoverWithItem(() -> fastPath.answer(resolved, null));
            }
        };
        return answer.invoke(fast -> {
            turn.path = FAST;
            turn.reply = fast.text();
            turn.replyHasRawData = fast.personalData();
            turn.sources.addAll(fast.sources());
            fast.toolCalls().forEach(tool -> turn.toolCalls.add(new ChatReply.ToolCall(tool, "completed")));
            turn.confidence = fast.confidence();
        }).replaceWithVoid();
    }

    /** A status change or a pipeline run the rules understood without a model: proposed, never done. */
    private record ProposedChange(String tool, ObjectNode arguments) {}

    private java.util.Optional<ProposedChange> proposedChange(Turn turn) {
        Classification c = turn.classification;
        if (c.intent() != Intent.ACTION) {
            return java.util.Optional.empty();
        }
        String lower = turn.scrubbed.toLowerCase(Locale.ROOT);
        List<String> statuses = c.entities().statuses().isEmpty() ? statusVerbs(lower) : c.entities().statuses();
        if (c.entities().caseIds().size() == 1 && statuses.size() == 1
                && !lower.contains("comment") && !lower.contains("remind")) {
            return java.util.Optional.of(new ProposedChange(AgentTools.UPDATE_STATUS, NODES.objectNode()
                    .put("caseId", c.entities().caseIds().get(0)).put("status", statuses.get(0))));
        }
        if (c.entities().isEmpty() && (lower.contains("run the pipeline") || lower.contains("rerun the pipeline")
                || lower.contains("re-run the pipeline") || lower.contains("reprocess"))) {
            return java.util.Optional.of(new ProposedChange(AgentTools.RUN_PIPELINE, NODES.objectNode()));
        }
        return java.util.Optional.empty();
    }

    private static final Pattern STATUS_VERB = Pattern.compile("\\b(close|escalate|reopen|re-open)\\b");

    /** The status a verb asks for ("close CASE-1" → closed), when the message names no status itself. */
    private static List<String> statusVerbs(String lower) {
        Set<String> found = new java.util.LinkedHashSet<>();
        Matcher verb = STATUS_VERB.matcher(lower);
        while (verb.find()) {
            found.add(switch (verb.group(1)) {
                case "close" -> "closed";
                case "escalate" -> "escalated";
                default -> "open";
            });
        }
        return List.copyOf(found);
    }

    private Uni<Void> propose(Turn turn, ProposedChange change) {
        WorkspaceTools tools = tools(turn);
        return tools.execute(change.tool(), change.arguments()).invoke(result -> {
            turn.path = "proposal";
            collect(turn, tools);
            if (turn.pending != null) {
                turn.reply = turn.pending.summary() + "? Nothing has changed yet: confirm to go ahead.";
                turn.confidence = Confidence.HIGH;
            } else {
                turn.reply = error(result);
                turn.confidence = Confidence.HIGH;
            }
        }).replaceWithVoid();
    }

    /** The model's answer with tools; with no model, or when it fails, an honest degraded answer. */
    private Uni<Void> modelAnswer(Turn turn, boolean stream, TurnListener listener) {
        if (!llm.available()) {
            return fallback(turn, "The language model is not configured, so I can answer only from the workspace data: "
                    + "its statistics, the top-risk cases, a case by id (CASE-000123), the rules, or a provider by NPI.");
        }
        UUID conversationId = turn.conversation.conversationId();
        PromptVersion system = prompts.choose(SYSTEM_PROMPT, conversationId);
        turn.promptVersion = system.ref();
        String systemPrompt = prompts.render(system, Map.of("today", LocalDate.now(ZoneOffset.UTC).toString()));
        Class<?> structured = structuredType(turn);
        String user = turn.scrubbed;
        if (structured != null) {
            PromptVersion format = prompts.choose(structured == CaseSummary.class ? "case-summary" : "report", conversationId);
            user = user + "\n\n" + prompts.render(format, structured == CaseSummary.class
                    ? Map.of("caseId", turn.classification.entities().caseIds().get(0), "format", StructuredPrompts.caseSummary())
                    : Map.of("request", "the user's request above", "format", StructuredPrompts.report()));
            turn.promptVersion = turn.promptVersion + "," + format.ref();
        }
        WorkspaceTools tools = tools(turn);
        AgentRequest request = new AgentRequest(systemPrompt, preamble(turn, conversationId), history(turn), user,
                AgentTools.only(allowedTools(turn)));
        java.util.concurrent.atomic.AtomicInteger tokensSent = new java.util.concurrent.atomic.AtomicInteger();
        TurnListener counting = new TurnListener() {
            @Override
            public void onToken(String token) {
                tokensSent.incrementAndGet();
                listener.onToken(token);
            }

            @Override
            public void onTool(String tool, String status) {
                listener.onTool(tool, status);
            }
        };
        return llm.run(request, tools, counting, stream && structured == null, turn.usage)
                .invoke(result -> {
                    turn.path = MODEL;
                    turn.model = result.model();
                    collect(turn, tools);
                    turn.confidence = tools.usedData() ? Confidence.MEDIUM : Confidence.LOW;
                    turn.reply = structured == null ? result.text() : structuredReply(turn, result, structured);
                    if (result.cutOff()) {
                        turn.toolCalls.add(new ChatReply.ToolCall("iteration_limit", "reached"));
                    }
                })
                .replaceWithVoid()
                .onFailure(LlmUnavailable.class).recoverWithUni(failure -> {
                    LlmUnavailable unavailable = (LlmUnavailable) failure;
                    if (unavailable.reason() == LlmUnavailable.Reason.CANCELLED) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (tokensSent.get() > 0) {
                        // part of an answer already reached the user: it ends as an error, not as another answer
                        return Uni.createFrom().failure(new ProblemException(ProblemKind.BAD_GATEWAY,
                                "The language model stopped in the middle of its answer. Nothing was stored; try again."));
                    }
                    collect(turn, tools);
                    return fallback(turn, "The language model is unavailable right now ("
                            + unavailable.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + "), so I can't answer this one. I can still answer from the workspace data: its "
                            + "statistics, the top-risk cases, a case by id, the rules, or a provider by NPI.");
                });
    }

    private Uni<Void> fallback(Turn turn, String text) {
        turn.path = FALLBACK;
        turn.reply = text;
        turn.confidence = Confidence.LOW;
        return Uni.createFrom().voidItem();
    }

    /** A case summary for a REPORT about one case, a report for any other REPORT; null for free text. */
    private static Class<?> structuredType(Turn turn) {
        if (turn.classification.intent() != Intent.REPORT) {
            return null;
        }
        return turn.classification.entities().caseIds().size() == 1 ? CaseSummary.class : Report.class;
    }

    private String structuredReply(Turn turn, AgentResult result, Class<?> type) {
        Parsed<?> parsed = parser.parse(result.text(), type);
        turn.validation = parsed.validation();
        if (!parsed.usable()) {
            if (turn.confidence == Confidence.MEDIUM) {
                turn.confidence = Confidence.LOW;
            }
            return result.text();
        }
        return parsed.value() instanceof CaseSummary summary ? Markdown.of(summary) : Markdown.of((Report) parsed.value());
    }

    private String preamble(Turn turn, UUID conversationId) {
        if (turn.page == null) {
            return null;
        }
        PromptVersion preamble = prompts.choose("page-preamble", conversationId);
        return prompts.render(preamble, Map.of("resourceType", turn.page.resourceType(),
                "resourceId", turn.page.resourceId(), "pageKey", turn.page.pageKey(),
                "facts", turn.conversation.pageSummary() == null ? "(none)" : turn.conversation.pageSummary(),
                "allowedActions", turn.page.allowedActions() == null || turn.page.allowedActions().isEmpty() ? "none"
                        : String.join(", ", turn.page.allowedActions())));
    }

    private static List<AgentRequest.HistoryMessage> history(Turn turn) {
        return turn.conversation.history().stream()
                .filter(m -> "user".equals(m.role()) || "assistant".equals(m.role()))
                .map(m -> new AgentRequest.HistoryMessage(m.role(), m.content()))
                .toList();
    }

    private Set<String> allowedTools(Turn turn) {
        return Set.copyOf(pageScope.allowedTools(turn.page));
    }

    private WorkspaceTools tools(Turn turn) {
        return new WorkspaceTools(turn.ctx, turn.caller, turn.request.workspaceId(), turn.conversation.conversationId(),
                allowedTools(turn), pipeline, compliance, actions);
    }

    /** Tool calls, sources and a proposed action of a turn's tools into the turn. */
    private static void collect(Turn turn, WorkspaceTools tools) {
        tools.invocations().forEach(call -> turn.toolCalls.add(new ChatReply.ToolCall(call.name(), call.status())));
        for (Source source : tools.sources()) {
            if (turn.sources.stream().noneMatch(s -> s.type().equals(source.type()) && s.id().equals(source.id()))) {
                turn.sources.add(source);
            }
        }
        tools.proposed().stream().findFirst().ifPresent(action -> turn.pending = new ChatReply.PendingAction(
                action.actionId(), action.tool(), action.summary(), action.expiresAt()));
    }

    /**
     * Links and foreign ids, the two copies (stored: placeholders; user: restored), the turn appended, the audit
     * event, the reply.
     */
    private Uni<ChatReply> finish(Turn turn) {
        UUID conversationId = turn.conversation.conversationId();
        return knownIds(turn).flatMap(known -> {
            ReplyPostProcessor.Processed processed = postProcessor.process(turn.reply, known, Map.of());
            turn.flagged = processed.flaggedCaseIds();
            // the fast path answers with the data itself: the stored copy is scrubbed (statistics have nothing to
            // scrub); a model's answer already is
            Uni<String> stored = turn.replyHasRawData
                    ? compliance.scrub(turn.ctx, processed.stored(), conversationId).map(Compliance.Scrubbed::text)
                    : Uni.createFrom().item(processed.stored());
            Uni<String> user = turn.replyHasRawData ? Uni.createFrom().item(processed.stored())
                    : compliance.detokenize(turn.ctx, processed.stored(), conversationId);
            return Uni.combine().all().unis(stored, user).asTuple();
        }).flatMap(copies -> {
            Usage used = turn.usage.total();
            List<ConversationViews.NewMessage> messages = new ArrayList<>();
            messages.add(new ConversationViews.NewMessage("user", turn.scrubbed, null, null, null, null, null));
            messages.addAll(turn.extraMessages);
            messages.add(new ConversationViews.NewMessage("assistant", copies.getItem1(), JSON.valueToTree(turn.sources),
                    turn.model, turn.promptVersion, turn.confidence.wire(),
                    used.counted().equals("none") ? null : JSON.valueToTree(ChatReply.TokenUsage.of(used))));
            Uni<String> token = conversations.append(turn.ctx, conversationId, turn.conversation.token(), messages);
            Uni<Void> audited = turn.ctx.timed(audit.record(turn.caller, "chat.turn.completed", "conversation",
                    conversationId.toString(), AuditEvent.Outcome.SUCCESS, details(turn, used)));
            return Uni.combine().all().unis(token, audited).asTuple()
                    .map(done -> new ChatReply(conversationId, done.getItem1(), copies.getItem2(), List.copyOf(turn.sources),
                            turn.confidence.wire(), turn.intent().name(), List.copyOf(turn.toolCalls), turn.model,
                            turn.promptVersion, ChatReply.TokenUsage.of(used), turn.validation, turn.pending,
                            turn.flagged.isEmpty() ? null : turn.flagged));
        });
    }

    /**
     * The case and rule ids of the reply that the workspace has: those the turn's data showed, the rest looked up (a
     * few at most), so that an id the model made up is never linked.
     */
    private Uni<ReplyPostProcessor.WorkspaceIds> knownIds(Turn turn) {
        Set<String> cases = ids(CASE_IDS, turn.reply);
        Set<String> rules = ids(RULE_IDS, turn.reply);
        Set<String> knownCases = new LinkedHashSet<>();
        Set<String> knownNpis = new LinkedHashSet<>();
        for (Source source : turn.sources) {
            if (source.type().equals("case")) {
                knownCases.add(source.id());
            } else if (source.type().equals("provider")) {
                knownNpis.add(source.id());
            }
        }
        List<Uni<String>> lookups = new ArrayList<>();
        cases.stream().filter(id -> !knownCases.contains(id)).limit(5).forEach(id -> lookups.add(
                pipeline.caseDetail(turn.ctx, turn.request.workspaceId(), id).map(found -> id)
                        .onFailure().recoverWithItem((String) null)));
        Uni<Set<String>> ruleIds = rules.isEmpty() ? Uni.createFrom().item(Set.of())
                : pipeline.rules(turn.ctx, turn.request.workspaceId(), false).map(json -> {
                    Set<String> ids = new LinkedHashSet<>();
                    json.forEach(rule -> ids.add(rule.path("ruleId").asText()));
                    return (Set<String>) ids;
                }).onFailure().recoverWithItem(Set.of());
        Uni<List<String>> found = lookups.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(lookups).andCollectFailures();
        return Uni.combine().all().unis(found, ruleIds).asTuple().map(both -> {
            both.getItem1().stream().filter(id -> id != null).forEach(knownCases::add);
            return new ReplyPostProcessor.WorkspaceIds(knownCases, both.getItem2(), knownNpis);
        });
    }

    private static Set<String> ids(Pattern pattern, String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text == null ? "" : text.toUpperCase(Locale.ROOT));
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    private static AuditDetails details(Turn turn, Usage used) {
        AuditDetails.Builder details = AuditDetails.builder().code("path", turn.path).kind("intent", turn.intent())
                .kind("confidence", turn.confidence).count("toolCalls", turn.toolCalls.size())
                .count("promptTokens", used.promptTokens()).count("completionTokens", used.completionTokens())
                .flag("pendingAction", turn.pending != null).count("flaggedIds", turn.flagged.size());
        Map<String, Integer> byTool = new LinkedHashMap<>();
        turn.toolCalls.forEach(call -> byTool.merge(call.name(), 1, Integer::sum));
        byTool.forEach((tool, n) -> details.count(toolKey(tool), n));
        if (turn.promptVersion != null) {
            details.code("promptVersion", auditCode(turn.promptVersion));
        }
        if (turn.model != null) {
            details.code("model", auditCode(turn.model));
        }
        return details.build();
    }

    /**
     * A value as an audit detail code: {@code chat-system@v2,report@v1} → {@code chat-system:v2/report:v1}, anything
     * else outside {@link AuditDetails#CODE} replaced by {@code _}, at most 64 characters.
     */
    static String auditCode(String value) {
        StringBuilder code = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (code.length() == 64) {
                break;
            }
            char mapped = c == '@' ? ':' : c == ',' ? '/' : c;
            boolean allowed = (mapped < 128 && Character.isLetterOrDigit(mapped)) || "_.:/-".indexOf(mapped) >= 0;
            code.append(allowed ? mapped : '_');
        }
        if (code.isEmpty() || !Character.isLetterOrDigit(code.charAt(0))) {
            code.insert(0, 'x');
        }
        return code.length() > 64 ? code.substring(0, 64) : code.toString();
    }

    /** {@code get_case} → {@code toolGetCase}: audit detail keys are identifiers. */
    static String toolKey(String tool) {
        StringBuilder key = new StringBuilder("tool");
        boolean upper = true;
        for (char c : tool.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                key.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return key.length() > 40 ? key.substring(0, 40) : key.toString();
    }

    private void count(Turn turn) {
        Counter.builder("agent.turns").description("Chat turns by path, intent and confidence")
                .tag("path", turn.path).tag("intent", turn.intent().name()).tag("confidence", turn.confidence.wire())
                .register(registry).increment();
        tokens(turn.usage.total());
    }

    private void tokens(Usage used) {
        if (used.totalTokens() > 0) {
            Counter.builder("agent.turn.tokens").description("Model tokens used by chat turns").tag("kind", "prompt")
                    .tag("counted", used.counted()).register(registry).increment(used.promptTokens());
            Counter.builder("agent.turn.tokens").description("Model tokens used by chat turns").tag("kind", "completion")
                    .tag("counted", used.counted()).register(registry).increment(used.completionTokens());
        }
    }

    /** The reason of a tool's error result. */
    private static String error(String result) {
        try {
            return JSON.readTree(result).path("error").asText("That can't be done here.");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "That can't be done here.";
        }
    }

    private static <T> T view(JsonNode json, Class<T> type) {
        return JSON.convertValue(json, type);
    }
}
