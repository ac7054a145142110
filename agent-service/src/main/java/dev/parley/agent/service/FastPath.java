package dev.parley.agent.service;

import dev.parley.agent.client.PipelineViews;
import dev.parley.agent.domain.Classification;
import dev.parley.agent.domain.Intent;
import dev.parley.agent.domain.PageContext;
import dev.parley.agent.domain.Source;
import dev.parley.agent.service.EntityExtractor.Kind;
import dev.parley.agent.service.EntityExtractor.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Questions answered from pipeline data without the model: workspace statistics, the top-risk cases (by risk level
 * and status), one case, the rules and their hits, one provider. It works with no model configured at all.
 *
 * <p>{@link #match} takes only clear questions, precision over recall: the classification must be a confident QUERY,
 * and <em>every</em> word of the message must belong to the pattern's vocabulary (plus common words such as "show",
 * "the", "please"). One unknown word ("which cases involve oxycodone?", "cases updated last week", "lowest risk
 * cases"), a date, a person placeholder or a second id, and the question goes to the model instead.
 *
 * <p>{@link #answer} turns the fetched data into markdown with its sources. Answers carry no member ids or member
 * data: no comment bodies or authors (free text that may quote anything), no claim service dates (a date of service is
 * a patient's date); counts are plain integers, scores have one decimal, amounts two. Text that comes from the data
 * (provider and rule names) is escaped so it cannot inject markdown links or HTML.
 */
@ApplicationScoped
public class FastPath {

    static final int DEFAULT_LIMIT = 10;
    static final int ALL_LIMIT = 50;
    private static final int MAX_WORDS = 40;
    private static final int MAX_EVIDENCE_SHOWN = 5;
    private static final double MIN_CONFIDENCE = 0.6;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final Set<String> COMMON = words("please pls kindly can could would will you me us i we our the a "
            + "an of for in on at to with is are was were be been what what's which who who's show list give get "
            + "display tell about do does have has there this that these those any all current currently right now "
            + "just quick quickly see want need like i'd know let hey hi ok okay some here pull fetch find look up "
            + "lookup info information details detail thanks thank them it its and how many much also again");
    private static final Set<String> NEVER_FAST = words("why not without except other else compare versus vs than or "
            + "but if member members patient patients beneficiary beneficiaries should lowest least bottom");
    private static final Set<String> STATS_ANCHORS = words("stats statistics numbers metrics counts totals kpis kpi "
            + "figures breakdown");
    private static final Set<String> STATS_WORDS = words("workspace stats statistics numbers metrics counts count "
            + "totals total kpis kpi figures breakdown key claims claim cases providers rule hits hit flagged medical "
            + "pharmacy rx unprocessed processed quality failed fail failures gate levels level risk status statuses "
            + "by per run runs last latest recent pipeline when did succeed succeeded complete completed finish "
            + "finished doing going looking state stand reprocessing need needs new pending waiting ran my so far "
            + "overall general has been number check checks");
    private static final Set<String> TOP_WORDS = words("top highest riskiest risky risk risks worst most biggest "
            + "largest scoring scored score scores cases case investigations ones level levels rated rank ranked "
            + "ranking sorted sort order ordered by first priority prioritized status that still flagged");
    private static final Set<String> CASE_WORDS = words("case details detail status state score risk level assigned "
            + "assignee assignment who whom owner owns working evidence claims claim rules rule hits fired fire "
            + "triggered flagged provider comments comment notes going on happening look current where stand stands "
            + "standing amount amounts billed total when created opened updated last summary still");
    private static final Set<String> WHO_ANSWERS = words("assigned assignee owner owns working provider");
    private static final Set<String> CASE_ANCHORS = words("case status score risk level assigned assignee evidence "
            + "rules hits provider comments claims amount billed details detail fired triggered");
    private static final Set<String> RULE_WORDS = words("rule rules fired fire fires firing triggered trigger "
            + "triggers triggering hit hits flagged flag flags most top often frequently stats statistics counts "
            + "count times catalogue catalog enabled disabled active configured weight weights thresholds threshold "
            + "cap mean means describe description work works providers provider by number so far been defined "
            + "available exist exists workspace do does");
    private static final Set<String> RULE_HIT_WORDS = words("fired fire fires firing triggered trigger triggers "
            + "triggering hit hits flagged flag flags often frequently most top");
    private static final Set<String> PROVIDER_WORDS = words("provider npi doctor dr physician prescriber pharmacy "
            + "practitioner clinic profile risk score level case cases rules rule hits fired triggered flagged claims "
            + "specialty state located where name named number");
    private static final Map<String, Integer> NUMBER_WORDS = numberWords();

    private final PageScope pageScope;

    public FastPath() {
        this(new PageScope());
    }

    @Inject
    public FastPath(PageScope pageScope) {
        this.pageScope = pageScope;
    }

    /** The fast query a scrubbed message clearly asks, in global mode. */
    public Optional<FastQuery> match(String message, Classification classification) {
        return match(message, classification, null);
    }

    /**
     * The fast query a scrubbed message clearly asks, or empty. On a single-resource page a message naming no id
     * ("what's the status?", "who is assigned to this case?") is about the page's resource; workspace-wide patterns
     * are not offered there (the classifier already calls them out of scope).
     */
    public Optional<FastQuery> match(String message, Classification classification, PageContext page) {
        if (message == null || classification == null || classification.intent() != Intent.QUERY
                || classification.ambiguous() || classification.confidence() < MIN_CONFIDENCE) {
            return Optional.empty();
        }
        Shape shape = new Shape(EntityExtractor.scan(message, Map.of(), IntentClassifier.SPELLING::correct).tokens());
        if (shape.words.size() > MAX_WORDS || shape.dates > 0 || shape.otherPlaceholders > 0
                || shape.any(NEVER_FAST)) {
            return Optional.empty();
        }
        int providers = shape.npis.size() + shape.npiPlaceholders.size();
        boolean noIds = shape.caseIds.isEmpty() && shape.ruleIds.isEmpty() && providers == 0;
        if (noIds && pageScope.isSingleResource(page)) {
            // "which rules fired?" on a case's page asks about that case
            return pageResource(shape, page);
        }
        if (shape.caseIds.size() == 1 && shape.ruleIds.isEmpty() && providers == 0 && shape.numbers.isEmpty()
                && shape.only(CASE_WORDS) && caseQuestionAnswerable(shape)) {
            return Optional.of(new FastQuery.CaseDetail(shape.caseIds.iterator().next()));
        }
        if (providers == 1 && shape.caseIds.isEmpty() && shape.ruleIds.isEmpty() && shape.statuses.isEmpty()
                && shape.numbers.isEmpty() && shape.only(PROVIDER_WORDS)) {
            if (!shape.npis.isEmpty()) {
                return Optional.of(FastQuery.ProviderLookup.ofNpi(shape.npis.iterator().next()));
            }
            List<String> resolved = classification.entities().npis();
            return Optional.of(resolved.size() == 1 ? FastQuery.ProviderLookup.ofNpi(resolved.get(0))
                    : FastQuery.ProviderLookup.ofPlaceholder(shape.npiPlaceholders.iterator().next()));
        }
        boolean ruleWord = shape.words.contains("rule") || shape.words.contains("rules");
        if (shape.ruleIds.size() <= 1 && shape.caseIds.isEmpty() && providers == 0 && shape.levels.isEmpty()
                && shape.statuses.isEmpty() && shape.numbers.isEmpty() && (ruleWord || shape.ruleIds.size() == 1)
                && shape.only(RULE_WORDS) && ruleQuestionAnswerable(shape)) {
            String ruleId = shape.ruleIds.isEmpty() ? null : shape.ruleIds.iterator().next();
            return Optional.of(new FastQuery.RuleStats(ruleId == null && shape.any(RULE_HIT_WORDS), ruleId));
        }
        if (!noIds) {
            return Optional.empty();
        }
        // the statistics count cases by level and by status, not by both at once
        if (shape.numbers.isEmpty() && shape.levels.size() + shape.statuses.size() <= 1 && shape.only(STATS_WORDS)
                && statsAnchor(shape)) {
            return Optional.of(new FastQuery.WorkspaceStats());
        }
        if (shape.levels.size() <= 1 && shape.statuses.size() <= 1 && !shape.has("how") && shape.only(TOP_WORDS)) {
            return topRiskCases(shape);
        }
        return Optional.empty();
    }

    private Optional<FastQuery> pageResource(Shape shape, PageContext page) {
        String id = pageScope.resourceId(page);
        if (!shape.numbers.isEmpty()) {
            return Optional.empty();
        }
        return switch (pageScope.kind(page)) {
            case "case" -> shape.only(CASE_WORDS) && shape.any(CASE_ANCHORS) && caseQuestionAnswerable(shape)
                    ? Optional.of(new FastQuery.CaseDetail(id)) : Optional.empty();
            case "provider" -> EntityExtractor.isNpi(id) && shape.statuses.isEmpty() && shape.only(PROVIDER_WORDS)
                    && shape.any(PROVIDER_WORDS) ? Optional.of(FastQuery.ProviderLookup.ofNpi(id)) : Optional.empty();
            case "rule" -> shape.levels.isEmpty() && shape.statuses.isEmpty() && shape.only(RULE_WORDS)
                    && (shape.has("rule") || shape.any(RULE_HIT_WORDS)) && ruleQuestionAnswerable(shape)
                    ? Optional.of(new FastQuery.RuleStats(false, id)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * The case detail holds the current status and assignee, not the history: "is CASE-1 closed?" and "who is
     * assigned?" it answers; "who closed CASE-1?" or "was it escalated?" it does not.
     */
    private static boolean caseQuestionAnswerable(Shape shape) {
        if (!shape.statuses.isEmpty() && !(shape.words.size() > 0 && shape.words.get(0).equals("is"))) {
            return false;
        }
        return !shape.has("who") || shape.any(WHO_ANSWERS);
    }

    /** The rule view counts providers but does not name them: "which providers triggered it?" goes to the model. */
    private static boolean ruleQuestionAnswerable(Shape shape) {
        boolean asksWhich = shape.has("which") || shape.has("who") || shape.has("what");
        return !(asksWhich && (shape.has("providers") || shape.has("provider")));
    }

    private static boolean statsAnchor(Shape shape) {
        if (shape.any(STATS_ANCHORS)) {
            return true;
        }
        List<String> w = shape.words;
        for (int i = 0; i + 1 < w.size(); i++) {
            String next = w.get(i + 1);
            if (w.get(i).equals("how") && (next.equals("many") || next.equals("much"))) {
                return true;
            }
            if ((w.get(i).equals("last") || w.get(i).equals("latest") || w.get(i).equals("recent"))
                    && (next.equals("run") || next.equals("pipeline"))) {
                return true;
            }
            if (w.get(i).equals("workspace") && (next.equals("doing") || next.equals("looking"))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<FastQuery> topRiskCases(Shape shape) {
        boolean plural = shape.has("cases") || shape.has("investigations")
                || (shape.has("ones") && (!shape.levels.isEmpty() || !shape.statuses.isEmpty()));
        boolean singular = shape.has("case") && (shape.has("top") || shape.has("highest") || shape.has("riskiest")
                || shape.has("worst"));
        if (!plural && !singular) {
            return Optional.empty();
        }
        int limit;
        if (shape.numbers.size() > 1) {
            return Optional.empty();
        } else if (shape.numbers.size() == 1) {
            limit = shape.numbers.get(0);
            if (limit < 1 || limit > 100) {
                return Optional.empty();
            }
        } else {
            limit = plural ? (shape.has("all") ? ALL_LIMIT : DEFAULT_LIMIT) : 1;
        }
        String level = shape.levels.isEmpty() ? null : shape.levels.iterator().next();
        String status = shape.statuses.isEmpty() ? null : shape.statuses.iterator().next();
        return Optional.of(new FastQuery.TopRiskCases(limit, level, status));
    }

    /** The words, ids and numbers of a message, as the patterns look at them. */
    private static final class Shape {
        final List<String> words = new ArrayList<>();
        final Set<String> caseIds = new LinkedHashSet<>();
        final Set<String> ruleIds = new LinkedHashSet<>();
        final Set<String> npis = new LinkedHashSet<>();
        final Set<String> npiPlaceholders = new LinkedHashSet<>();
        final Set<String> levels = new LinkedHashSet<>();
        final Set<String> statuses = new LinkedHashSet<>();
        /** Numbers that give a count ("top 5", "10 critical cases"); any other number makes {@code numbers} null. */
        final List<Integer> numbers = new ArrayList<>();
        int dates;
        int otherPlaceholders;
        private final Set<String> wordSet = new HashSet<>();

        Shape(List<Token> tokens) {
            for (int k = 0; k < tokens.size(); k++) {
                Token token = tokens.get(k);
                switch (token.kind()) {
                    case WORD -> {
                        Integer number = NUMBER_WORDS.get(token.text());
                        if (number != null && countPosition(tokens, k)) {
                            numbers.add(number);
                        } else {
                            words.add(token.text());
                        }
                    }
                    case NUMBER -> {
                        if (countPosition(tokens, k) && token.text().length() <= 3) {
                            numbers.add(Integer.parseInt(token.text()));
                        } else {
                            numbers.add(-1); // a number that is not a count: no pattern takes it
                        }
                    }
                    case CASE_ID -> caseIds.add(token.text());
                    case RULE_ID -> ruleIds.add(token.text());
                    case NPI -> npis.add(token.text());
                    case DATE -> dates++;
                    case LEVEL -> levels.add(token.text());
                    case STATUS -> statuses.add(token.text());
                    case PLACEHOLDER -> {
                        if (token.placeholderType().equals("NPI")) {
                            npiPlaceholders.add(token.text());
                        } else {
                            otherPlaceholders++;
                        }
                    }
                    case PUNCT -> { }
                }
            }
            wordSet.addAll(words);
        }

        /** "top 5", "first 3", "5 critical cases", "10 highest risk cases". */
        private static boolean countPosition(List<Token> tokens, int k) {
            if (k > 0 && (tokens.get(k - 1).isWord("top") || tokens.get(k - 1).isWord("first"))) {
                return true;
            }
            for (int j = k + 1; j < tokens.size() && j <= k + 4; j++) {
                Token next = tokens.get(j);
                if (next.isWord("cases") || next.isWord("investigations") || next.isWord("ones")) {
                    return true;
                }
                boolean qualifier = next.kind() == Kind.LEVEL || next.kind() == Kind.STATUS || next.isPunct("-")
                        || next.isWord("risk") || next.isWord("highest") || next.isWord("riskiest")
                        || next.isWord("risky") || next.isWord("most") || next.isWord("worst");
                if (!qualifier) {
                    return false;
                }
            }
            return false;
        }

        boolean has(String word) {
            return wordSet.contains(word);
        }

        boolean any(Set<String> vocabulary) {
            for (String word : words) {
                if (vocabulary.contains(word)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether every word is common or in {@code vocabulary}. */
        boolean only(Set<String> vocabulary) {
            for (String word : words) {
                if (!COMMON.contains(word) && !vocabulary.contains(word)) {
                    return false;
                }
            }
            return numbers.stream().allMatch(n -> n > 0);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Answers

    /** Workspace statistics; {@code stats} null reads as an empty workspace. */
    public FastAnswer answer(FastQuery.WorkspaceStats query, PipelineViews.Stats stats) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source("stats", stats == null ? null : stats.workspaceId(), "Workspace statistics", "/stats"));
        PipelineViews.Claims claims = stats == null ? null : stats.claims();
        long medical = claims == null ? 0 : claims.medical();
        long pharmacy = claims == null ? 0 : claims.pharmacy();
        long cases = stats == null || stats.cases() == null ? 0 : stats.cases().total();
        PipelineViews.LastRun run = stats == null ? null : stats.lastRun();
        if (medical + pharmacy == 0 && cases == 0 && run == null) {
            return FastAnswer.aggregate("This workspace has no claims and no cases yet. Upload claims and run the pipeline "
                    + "to see its statistics.", sources, List.of(query.tool()));
        }
        StringBuilder text = new StringBuilder("**Workspace statistics**\n\n");
        text.append("- Claims: ").append(medical).append(" medical, ").append(pharmacy).append(" pharmacy");
        if (claims != null && (claims.unprocessed() > 0 || claims.qualityFailed() > 0)) {
            text.append(" (").append(claims.unprocessed()).append(" not yet processed, ").append(claims.qualityFailed())
                    .append(" failed quality checks)");
        }
        text.append('\n');
        text.append("- Providers: ").append(stats.providers()).append('\n');
        text.append("- Rule hits: ").append(stats.ruleHits()).append('\n');
        if (cases == 0) {
            text.append("- Cases: none yet\n");
        } else {
            text.append("- Cases: ").append(cases);
            String byLevel = counts(stats.cases().byRiskLevel(), List.of("critical", "high", "medium", "low"));
            String byStatus = counts(stats.cases().byStatus(), List.of("open", "in_review", "escalated", "closed"));
            if (!byLevel.isEmpty() || !byStatus.isEmpty()) {
                text.append(" (");
                text.append(byLevel.isEmpty() ? "" : "by risk level: " + byLevel);
                text.append(!byLevel.isEmpty() && !byStatus.isEmpty() ? "; " : "");
                text.append(byStatus.isEmpty() ? "" : "by status: " + byStatus);
                text.append(')');
            }
            text.append('\n');
        }
        if (run == null) {
            text.append("- Last run: none yet\n");
        } else {
            text.append("- Last run: ").append(label(run.status()));
            if (run.startedAt() != null) {
                text.append(", started ").append(when(run.startedAt()));
            }
            if (run.completedAt() != null) {
                text.append(", finished ").append(when(run.completedAt()));
            }
            if (run.claimsProcessed() != null) {
                text.append(", ").append(run.claimsProcessed()).append(" claims processed");
            }
            text.append('\n');
            if (run.runId() != null) {
                sources.add(new Source("run", run.runId(), "Last pipeline run", "/runs/" + pathPart(run.runId())));
            }
        }
        if (stats.needsReprocessing()) {
            text.append("- New or changed claims are waiting: the pipeline needs to run again.\n");
        }
        return FastAnswer.aggregate(text.toString().stripTrailing(), sources, List.of(query.tool()));
    }

    /** The highest-risk cases; {@code page} null reads as no cases. */
    public FastAnswer answer(FastQuery.TopRiskCases query, PipelineViews.CasePage page) {
        List<PipelineViews.CaseSummary> items = page == null || page.items() == null ? List.of()
                : page.items().stream().filter(item -> item != null && !blank(item.caseId())).limit(query.limit())
                        .toList();
        String filter = filter(query);
        if (items.isEmpty()) {
            String text = filter.isEmpty() ? "This workspace has no cases yet."
                    : "This workspace has no cases " + filter + ".";
            return new FastAnswer(text, List.of(), List.of(query.tool()));
        }
        StringBuilder text = new StringBuilder();
        text.append(items.size() == 1 ? "**The highest-risk case" : "**The " + items.size() + " highest-risk cases")
                .append(filter.isEmpty() ? "" : " " + filter).append("**\n\n");
        text.append("| Case | Risk level | Score | Status | Provider | Rule hits |\n");
        text.append("| --- | --- | --- | --- | --- | --- |\n");
        List<Source> sources = new ArrayList<>();
        for (PipelineViews.CaseSummary item : items) {
            text.append("| ").append(md(item.caseId())).append(" | ").append(label(item.riskLevel())).append(" | ")
                    .append(score(item.riskScore())).append(" | ").append(label(item.status())).append(" | ")
                    .append(provider(item.providerName(), item.specialty())).append(" | ").append(item.hitCount())
                    .append(" |\n");
            sources.add(caseSource(item.caseId(), item.riskLevel()));
        }
        if (items.size() < query.limit() && page.nextCursor() == null) {
            text.append("\nOnly ").append(items.size()).append(items.size() == 1 ? " case matches." : " cases match.");
        } else if (page.nextCursor() != null) {
            text.append("\nMore cases match; ask for more or open the cases list.");
        }
        return new FastAnswer(text.toString().stripTrailing(), sources, List.of(query.tool()));
    }

    /** One case; {@code detail} null means the workspace has no such case. */
    public FastAnswer answer(FastQuery.CaseDetail query, PipelineViews.CaseDetail detail) {
        if (detail == null || detail.summary() == null || blank(detail.summary().caseId())) {
            return new FastAnswer("This workspace has no case " + md(query.caseId()) + ".", List.of(),
                    List.of(query.tool()));
        }
        PipelineViews.CaseSummary summary = detail.summary();
        List<Source> sources = new ArrayList<>();
        sources.add(caseSource(summary.caseId(), summary.riskLevel()));
        StringBuilder text = new StringBuilder("**").append(md(summary.caseId())).append("**: ");
        text.append(summary.riskLevel() == null ? "risk level not set" : label(summary.riskLevel()) + " risk")
                .append(" (score ").append(score(summary.riskScore())).append("), status ")
                .append(label(summary.status())).append(", ")
                .append(blank(summary.assignee()) ? "unassigned" : "assigned to " + md(summary.assignee()))
                .append("\n\n");
        text.append("- Provider: ").append(provider(summary.providerName(), summary.specialty()));
        if (!blank(summary.providerNpi())) {
            text.append(", NPI ").append(md(summary.providerNpi()));
            sources.add(new Source("provider", summary.providerNpi(), nonBlank(summary.providerName(), "Provider"),
                    "/providers/" + pathPart(summary.providerNpi())));
        }
        text.append('\n');
        List<PipelineViews.RuleHits> rules = detail.rules() == null ? List.of() : detail.rules();
        text.append("- Rules: ").append(rules.isEmpty() ? "no rule hits recorded" : ruleHits(rules, sources))
                .append('\n');
        List<PipelineViews.Evidence> evidence = detail.evidence() == null ? List.of() : detail.evidence();
        long evidenceCount = Math.max(detail.evidenceCount(), evidence.size());
        if (evidenceCount == 0) {
            text.append("- Evidence: no claims recorded\n");
        } else {
            text.append("- Evidence: ").append(evidenceCount).append(evidenceCount == 1 ? " claim" : " claims");
            List<PipelineViews.Evidence> shown = evidence.stream().filter(Objects::nonNull)
                    .limit(MAX_EVIDENCE_SHOWN).toList();
            if (!shown.isEmpty()) {
                text.append(shown.size() < evidenceCount ? ", the first " + shown.size() + ":" : ":");
                for (PipelineViews.Evidence claim : shown) {
                    text.append("\n  - ").append(md(nonBlank(claim.claimId(), "claim"))).append(" (")
                            .append(label(nonBlank(claim.claimKind(), "claim")));
                    if (!blank(claim.code())) {
                        text.append(", code ").append(md(claim.code()));
                    }
                    if (claim.amountBilled() != null) {
                        text.append(", billed ").append(amount(claim.amountBilled()));
                    }
                    if (claim.ruleIds() != null && !claim.ruleIds().isEmpty()) {
                        text.append(", ").append(String.join(", ", claim.ruleIds().stream().map(FastPath::md)
                                .toList()));
                    }
                    text.append(')');
                }
            }
            text.append('\n');
        }
        int comments = detail.comments() == null ? 0 : detail.comments().size();
        text.append("- Comments: ").append(comments == 0 ? "none" : comments);
        Instant latest = detail.comments() == null ? null : detail.comments().stream().filter(Objects::nonNull)
                .map(PipelineViews.Comment::createdAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
        if (latest != null) {
            text.append(" (latest ").append(when(latest)).append(')');
        }
        text.append('\n');
        if (detail.createdAt() != null || summary.updatedAt() != null) {
            text.append("- ");
            text.append(detail.createdAt() == null ? "" : "Opened " + when(detail.createdAt()));
            text.append(detail.createdAt() != null && summary.updatedAt() != null ? "; " : "");
            text.append(summary.updatedAt() == null ? "" : (detail.createdAt() == null ? "Updated " : "updated ")
                    + when(summary.updatedAt()));
            text.append('\n');
        }
        if (detail.runId() != null) {
            sources.add(new Source("run", detail.runId(), "The run that opened the case",
                    "/runs/" + pathPart(detail.runId())));
        }
        return new FastAnswer(text.toString().stripTrailing(), sources, List.of(query.tool()));
    }

    /** The rules (or one rule) with this workspace's hits; {@code rules} null reads as an empty catalogue. */
    public FastAnswer answer(FastQuery.RuleStats query, List<PipelineViews.RuleView> rules) {
        List<PipelineViews.RuleView> all = rules == null ? List.of()
                : rules.stream().filter(r -> r != null && r.ruleId() != null).toList();
        if (query.ruleId() != null) {
            PipelineViews.RuleView rule = all.stream().filter(r -> r.ruleId().equalsIgnoreCase(query.ruleId()))
                    .findFirst().orElse(null);
            if (rule == null) {
                return new FastAnswer("There is no rule " + md(query.ruleId()) + " in this workspace's rule catalogue.",
                        List.of(), List.of(query.tool()));
            }
            StringBuilder text = new StringBuilder("**").append(md(rule.ruleId())).append(": ")
                    .append(md(nonBlank(rule.name(), "unnamed"))).append("** (")
                    .append(rule.enabled() ? "enabled" : "disabled")
                    .append(blank(rule.claimKind()) ? "" : ", " + label(rule.claimKind()) + " claims").append(")\n\n");
            if (!blank(rule.description())) {
                text.append(md(rule.description())).append("\n\n");
            }
            text.append("- Hits in this workspace: ").append(rule.hits());
            if (rule.hits() > 0) {
                text.append(", across ").append(rule.providers())
                        .append(rule.providers() == 1 ? " provider" : " providers");
            }
            text.append('\n');
            text.append("- Weight ").append(plain(rule.weight())).append(", cap ").append(plain(rule.cap()))
                    .append('\n');
            if (rule.thresholds() != null && !rule.thresholds().isEmpty()) {
                List<String> thresholds = new ArrayList<>();
                new TreeMap<>(rule.thresholds()).forEach((key, value) -> thresholds.add(md(key) + " " + md(
                        value instanceof Number number ? plain(number.doubleValue()) : String.valueOf(value))));
                text.append("- Thresholds: ").append(String.join(", ", thresholds)).append('\n');
            }
            return new FastAnswer(text.toString().stripTrailing(), List.of(ruleSource(rule)), List.of(query.tool()));
        }
        List<PipelineViews.RuleView> shown = all.stream().filter(r -> !query.triggeredOnly() || r.hits() > 0)
                .sorted(Comparator.comparingLong(PipelineViews.RuleView::hits).reversed()
                        .thenComparing(PipelineViews.RuleView::ruleId))
                .toList();
        if (shown.isEmpty()) {
            String text = query.triggeredOnly() ? "No rules have fired in this workspace yet."
                    : "This workspace has no rules configured.";
            return new FastAnswer(text, List.of(), List.of(query.tool()));
        }
        StringBuilder text = new StringBuilder(query.triggeredOnly()
                ? "**Rules that fired in this workspace**, most hits first\n\n"
                : "**Rules**, most hits first\n\n");
        text.append("| Rule | Name | Hits | Providers | Enabled |\n| --- | --- | --- | --- | --- |\n");
        List<Source> sources = new ArrayList<>();
        for (PipelineViews.RuleView rule : shown) {
            text.append("| ").append(md(rule.ruleId())).append(" | ").append(md(nonBlank(rule.name(), "")))
                    .append(" | ").append(rule.hits()).append(" | ").append(rule.providers()).append(" | ")
                    .append(rule.enabled() ? "yes" : "no").append(" |\n");
            sources.add(ruleSource(rule));
        }
        if (!query.triggeredOnly()) {
            long fired = shown.stream().filter(r -> r.hits() > 0).count();
            text.append('\n').append(fired == 0 ? "None has fired yet."
                    : fired + " of " + shown.size() + (shown.size() == 1 ? " rule has" : " rules have") + " fired.");
        }
        return new FastAnswer(text.toString().stripTrailing(), sources, List.of(query.tool()));
    }

    /** One provider; {@code provider} null means the workspace has no such provider. */
    public FastAnswer answer(FastQuery.ProviderLookup query, PipelineViews.ProviderView provider) {
        if (provider == null) {
            String which = query.npi() != null ? "NPI " + md(query.npi()) : query.placeholder();
            return new FastAnswer("This workspace has no provider with " + which + ".", List.of(),
                    List.of(query.tool()));
        }
        List<Source> sources = new ArrayList<>();
        String npi = nonBlank(provider.npi(), nonBlank(query.npi(), ""));
        sources.add(new Source("provider", npi, nonBlank(provider.name(), "Provider"), "/providers/" + pathPart(npi)));
        StringBuilder text = new StringBuilder("**").append(md(nonBlank(provider.name(), "Unnamed provider")))
                .append("**");
        List<String> about = new ArrayList<>();
        if (!blank(provider.specialty())) {
            about.add(md(provider.specialty()));
        }
        if (!blank(provider.state())) {
            about.add(md(provider.state()));
        }
        if (!about.isEmpty()) {
            text.append(" (").append(String.join(", ", about)).append(')');
        }
        text.append(npi.isEmpty() ? "" : ", NPI " + md(npi)).append("\n\n");
        text.append("- Claims: ").append(provider.medicalClaims()).append(" medical, ")
                .append(provider.pharmacyClaims()).append(" pharmacy\n");
        text.append("- Risk: ").append(provider.riskLevel() == null ? "not scored"
                : label(provider.riskLevel()) + " (score " + score(provider.riskScore()) + ")").append('\n');
        if (blank(provider.caseId())) {
            text.append("- Case: none\n");
        } else {
            text.append("- Case: ").append(md(provider.caseId())).append('\n');
            sources.add(caseSource(provider.caseId(), provider.riskLevel()));
        }
        List<PipelineViews.RuleHits> rules = provider.rules() == null ? List.of() : provider.rules();
        text.append("- Rules: ").append(rules.isEmpty() ? "no rule hits" : ruleHits(rules, sources)).append('\n');
        return new FastAnswer(text.toString().stripTrailing(), sources, List.of(query.tool()));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String ruleHits(List<PipelineViews.RuleHits> rules, List<Source> sources) {
        List<String> parts = new ArrayList<>();
        for (PipelineViews.RuleHits rule : rules) {
            if (rule == null || rule.ruleId() == null) {
                continue;
            }
            StringBuilder part = new StringBuilder(md(rule.ruleId()));
            if (!blank(rule.name())) {
                part.append(' ').append(md(rule.name()));
            }
            part.append(" (").append(rule.hits()).append(rule.hits() == 1 ? " hit" : " hits");
            if (rule.points() != null) {
                part.append(", ").append(score(rule.points())).append(" points");
            }
            parts.add(part.append(')').toString());
            sources.add(new Source("rule", rule.ruleId(), nonBlank(rule.name(), rule.ruleId()),
                    "/rules/" + pathPart(rule.ruleId())));
        }
        return parts.isEmpty() ? "no rule hits recorded" : String.join("; ", parts);
    }

    private static Source caseSource(String caseId, String riskLevel) {
        return new Source("case", caseId, riskLevel == null ? caseId : caseId + " (" + label(riskLevel) + ")",
                "/cases/" + pathPart(caseId));
    }

    private static Source ruleSource(PipelineViews.RuleView rule) {
        return new Source("rule", rule.ruleId(), nonBlank(rule.name(), rule.ruleId()),
                "/rules/" + pathPart(rule.ruleId()));
    }

    private static String filter(FastQuery.TopRiskCases query) {
        List<String> parts = new ArrayList<>();
        if (query.riskLevel() != null) {
            parts.add("at " + label(query.riskLevel()) + " risk");
        }
        if (query.status() != null) {
            parts.add("with status " + label(query.status()));
        }
        return String.join(" ", parts);
    }

    private static String counts(Map<String, Long> counts, List<String> order) {
        if (counts == null || counts.isEmpty()) {
            return "";
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String key : order) {
            if (counts.containsKey(key)) {
                ordered.put(key, counts.get(key));
            }
        }
        new TreeMap<>(counts).forEach(ordered::putIfAbsent);
        List<String> parts = new ArrayList<>();
        ordered.forEach((key, value) -> {
            if (value != null && value > 0) {
                parts.add(label(key) + " " + value);
            }
        });
        return String.join(", ", parts);
    }

    private static String provider(String name, String specialty) {
        if (blank(name)) {
            return blank(specialty) ? "unknown" : md(specialty);
        }
        return md(name) + (blank(specialty) ? "" : " (" + md(specialty) + ")");
    }

    /** A wire name for reading: {@code in_review} as "in review". */
    private static String label(String wire) {
        return wire == null ? "unknown" : md(wire.replace('_', ' '));
    }

    static String score(BigDecimal score) {
        return score == null ? "not scored" : score.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    static String amount(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A weight or a threshold as written: 0.3, 30, 2.5. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nonBlank(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }

    /** Data text made inert in markdown: no links, HTML, code, emphasis or table cells of its own, on one line. */
    static String md(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!' -> out.append('\\').append(c);
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An id as a path segment: only the characters ids have. */
    private static String pathPart(String id) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Set<String> words(String list) {
        return Set.copyOf(List.of(list.trim().split(" +")));
    }

    private static Map<String, Integer> numberWords() {
        String[] names = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "fifteen", "twenty", "fifty"};
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 50};
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Map.copyOf(map);
    }
}
