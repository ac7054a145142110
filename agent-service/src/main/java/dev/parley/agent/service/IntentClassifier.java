package dev.parley.agent.service;

import dev.parley.agent.domain.Classification;
import dev.parley.agent.domain.Entities;
import dev.parley.agent.domain.Intent;
import dev.parley.agent.domain.PageContext;
import dev.parley.agent.service.EntityExtractor.Kind;
import dev.parley.agent.service.EntityExtractor.Token;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies a (scrubbed) chat message by deterministic rules: its intent, a confidence 0..1, its entities, whether
 * the rules were {@code ambiguous} (only then is a configured LLM asked), and whether it asks to destroy data or change
 * permissions (the turn refuses those).
 *
 * <p>How it decides, in order:
 * <ol>
 * <li>A request to delete or remove data, or to change roles or permissions, is ACTION, flagged destructive.</li>
 * <li>Nothing to act on (empty, a few characters, only filler such as "hmm", "and?", "what about it") is
 * CLARIFICATION; on a single-resource page, filler that asks something ("what about it?", "tell me more") is a QUERY
 * about the page's resource.</li>
 * <li>Otherwise each clause adds cue weights to QUERY, ACTION, NAVIGATION and REPORT: verbs at the head of a request
 * ("close", "open", "show"), phrases ("take me to", "remind me"), report words, question forms, data nouns. The
 * highest score wins; the confidence grows with the score and with its lead over the second; below 0.6 the result is
 * ambiguous.</li>
 * <li>On a single-resource page ({@link PageScope}), a QUERY, ACTION or REPORT naming another case, rule or provider
 * (one the page's facts do not name either), or asking a workspace-wide question ("top risk cases", "all cases", "how
 * many cases are in the workspace") is OUT_OF_SCOPE_PAGE. Rule ids are in scope on any page (they explain cases and
 * providers); navigation is never out of scope; an NPI placeholder the caller did not resolve is given the benefit of
 * the doubt. Informational pages are workspace-wide, so nothing is out of their scope.</li>
 * </ol>
 * Everything is one pass over the tokens with bounded look-ahead: linear in the input.
 */
@ApplicationScoped
public class IntentClassifier {

    /** A request the turn refuses whatever the role: destroying data or changing who may do what. */
    public enum Destructive { NONE, DELETE_DATA, CHANGE_PERMISSIONS }

    /**
     * The classification and what the turn needs besides it.
     *
     * @param placeholders the distinct placeholders of the message, in order
     * @param npiPlaceholders the NPI placeholders among them: the caller resolves them from the conversation's vault
     */
    public record Analysis(Classification classification, Destructive destructive, List<String> placeholders,
            List<String> npiPlaceholders) {

        public Analysis {
            placeholders = List.copyOf(placeholders);
            npiPlaceholders = List.copyOf(npiPlaceholders);
        }

        public boolean isDestructive() {
            return destructive != Destructive.NONE;
        }

        /** Whether the message names a provider by a scrubbed NPI ({@code ⟦NPI_1⟧}). */
        public boolean npiPlaceholderPresent() {
            return !npiPlaceholders.isEmpty();
        }
    }

    private static final double AMBIGUOUS_BELOW = 0.6;

    private static final int QUERY = 0;
    private static final int ACTION = 1;
    private static final int NAVIGATION = 2;
    private static final int REPORT = 3;
    private static final Intent[] SCORED = {Intent.QUERY, Intent.ACTION, Intent.NAVIGATION, Intent.REPORT};

    // Request openings; "please" and friends make what follows a request even when it ends with "?".
    private static final List<List<String>> REQUEST_PREFIXES = phrases("please", "pls", "plz", "kindly", "can you",
            "could you", "would you", "will you", "can u", "could u", "would u", "can i", "could i", "may i",
            "i want you to", "i'd like you to", "i want to", "i wanna", "i'd like to", "id like to", "i would like to",
            "i need you to", "i need to", "we need to", "i want", "i'd like", "i need", "help me", "let's", "lets",
            "let me", "go ahead and", "try to", "you can", "need to", "want to");
    private static final List<List<String>> NEUTRAL_PREFIXES = phrases("hey", "hi", "hello", "ok", "okay", "so",
            "now", "also", "and", "then", "just", "quickly", "quick", "oh", "well", "alright", "right", "parley",
            "agent", "assistant", "yes", "yeah", "thanks", "thank you", "great", "cool", "hmm", "um", "first");
    private static final List<List<String>> HOW_TO = phrases("how do i", "how can i", "how to", "how would i",
            "how should i", "how do we", "how can we", "how do you");

    private static final Set<String> WH = Set.of("what", "what's", "whats", "which", "who", "who's", "whom", "whose",
            "when", "where", "where's", "why", "how", "how's");
    private static final Set<String> AUX = Set.of("is", "are", "was", "were", "do", "does", "did", "has", "have",
            "had", "should", "shall", "isn't", "aren't", "wasn't", "doesn't", "didn't", "hasn't", "any", "anything",
            "might", "must", "am");

    private static final Set<String> STRONG_ACTION = Set.of("escalate", "reassign", "unassign", "reopen", "rerun",
            "reprocess", "remind", "deescalate", "de-escalate");
    private static final Set<String> WEAK_ACTION = Set.of("close", "assign", "update", "change", "set", "mark", "move",
            "add", "comment", "note", "flag", "tag", "put", "resolve", "dismiss", "approve", "reject", "snooze",
            "schedule", "create", "label", "transition", "leave", "post", "attach", "record", "log", "submit");
    private static final Set<String> RUN_VERBS = Set.of("run", "start", "trigger", "launch", "kick", "process",
            "execute", "restart", "retrigger");
    private static final Set<String> RUN_OBJECTS = Set.of("pipeline", "rules", "job", "analysis", "scoring",
            "processing", "again", "it", "engine", "batch", "detection", "ingestion", "upload", "off");
    private static final Set<String> IMPERATIVE_JOINERS = Set.of("and", "then", "also", "please", "now", "just");

    private static final Set<String> NAV_VERBS = Set.of("open", "navigate", "goto", "visit", "browse");
    private static final Set<String> PAGE_NOUNS = Set.of("page", "pages", "screen", "tab", "dashboard", "panel",
            "pane", "section", "settings", "homepage", "home");
    private static final Set<String> PAGE_OPENERS = Set.of("show", "open", "bring", "display", "pull", "find", "where",
            "where's", "get", "take", "load", "go");

    private static final Set<String> REPORT_WORDS = Set.of("report", "reports", "summary", "summaries", "summarize",
            "summarise", "summarizing", "summarising", "summarization", "recap", "digest", "writeup", "briefing",
            "export", "memo", "exporting");
    private static final Set<String> SOFT_REPORT_WORDS = Set.of("overview", "rundown", "synopsis");
    private static final Set<String> FILE_FORMATS = Set.of("csv", "pdf", "excel", "xlsx", "spreadsheet", "docx");

    private static final Set<String> QUERY_VERBS = Set.of("show", "list", "display", "give", "get", "fetch", "find",
            "search", "look", "lookup", "tell", "count", "explain", "describe", "check", "pull", "compare", "rank",
            "sort", "filter", "see", "calculate", "identify", "analyze", "analyse", "view", "what's", "whats", "name",
            "enumerate", "break", "provide");
    private static final Set<String> DATA_NOUNS = Set.of("case", "cases", "provider", "providers", "rule", "rules",
            "claim", "claims", "hits", "hit", "score", "scores", "risk", "stats", "statistics", "status", "npi",
            "evidence", "amount", "billed", "runs", "run", "pipeline", "workspace", "investigations", "doctor",
            "specialty", "fraud", "flagged", "assignee", "assigned", "numbers", "metrics", "counts");

    private static final Set<String> FILLER = Set.of("hmm", "hmmm", "hmmmm", "hm", "mm", "mmm", "um", "umm", "uh",
            "uhh", "er", "erm", "eh", "huh", "ah", "oh", "and", "so", "what", "what's", "whats", "about", "it", "this",
            "that", "more", "ok", "okay", "k", "kk", "yes", "yeah", "yep", "yup", "no", "nope", "nah", "sure", "well",
            "then", "why", "how", "really", "hi", "hello", "hey", "yo", "thanks", "thank", "thx", "you", "please",
            "pls", "go", "on", "continue", "again", "else", "anything", "tell", "me", "the", "a", "same", "one",
            "there",
            "now", "explain", "details", "detail", "info", "help", "lol", "cool", "great", "nice", "fine", "right",
            "alright", "wait", "hold", "also", "or", "but", "is", "was", "something", "stuff", "things", "idk", "dunno",
            "test", "testing", "ping", "hallo", "hiya", "sup", "good", "morning", "afternoon", "evening", "bye",
            "goodbye", "ty", "cheers", "understood", "got", "see", "i", "to", "do", "can", "could");
    /** Filler that still asks something: on a resource's page it is a question about that resource. */
    private static final Set<String> ASKING_FILLER = Set.of("what", "what's", "whats", "why", "how", "tell", "more",
            "explain", "details", "detail", "info", "about", "else");

    private static final Set<String> DELETE_VERBS = Set.of("delete", "remove", "drop", "purge", "wipe", "erase",
            "destroy", "truncate", "deleting", "removing", "erasing", "wiping", "purging", "dropping", "obliterate",
            "nuke", "shred", "discard", "trash");
    private static final Set<String> DELETE_OBJECTS = Set.of("case", "cases", "#case", "data", "claims", "claim",
            "workspace", "workspaces", "table", "tables", "database", "db", "records", "record", "rule", "rules",
            "#rule", "provider", "providers", "#npi", "#ph_npi", "comment", "comments", "note", "notes", "history",
            "audit", "logs", "log", "everything", "all", "upload", "uploads", "run", "runs", "member", "members",
            "file",
            "files", "conversation", "conversations", "account", "accounts", "user", "users", "it", "them", "this",
            "that", "evidence", "entries", "rows", "dataset", "results", "hits", "alerts", "reminder", "reminders",
            "trail", "investigation", "investigations");
    private static final Set<String> PRIVILEGE_NOUNS = Set.of("role", "roles", "permission", "permissions",
            "privilege", "privileges", "rights", "access", "entitlements", "entitlement");
    private static final Set<String> PRIVILEGE_VERBS = Set.of("change", "give", "grant", "revoke", "set", "update",
            "promote", "demote", "elevate", "add", "remove", "assign", "modify", "edit", "make", "escalate", "upgrade",
            "downgrade", "switch", "bump", "raise", "extend", "expand", "alter");
    private static final Set<String> ADMIN_NOUNS = Set.of("admin", "administrator", "superuser", "sudo", "root",
            "superadmin", "auditor", "analyst");
    private static final Set<String> ADMIN_VERBS = Set.of("make", "give", "grant", "promote", "elevate", "upgrade");

    private static final Set<String> REFERENTS = Set.of("this", "its", "it", "here", "his", "her", "their", "same",
            "these");
    private static final Set<String> WIDE_WORDS = Set.of("workspace", "overall", "across", "everywhere", "globally",
            "portfolio");
    private static final Set<String> STRONG_QUANTIFIERS = Set.of("all", "every", "other", "top", "riskiest",
            "highest", "most", "list", "each", "worst", "remaining");
    private static final Set<String> WEAK_QUANTIFIERS = Set.of("which", "what", "any", "#level", "#status", "many");

    /** Corrects words a typo away from the vocabulary the rules and the fast path use. */
    static final Spelling SPELLING = new Spelling();

    private final PageScope pageScope;

    public IntentClassifier() {
        this(new PageScope());
    }

    @Inject
    public IntentClassifier(PageScope pageScope) {
        this.pageScope = pageScope;
    }

    /** The intent, confidence and entities of a scrubbed message, in global mode ({@code page} null) or on a page. */
    public Classification classify(String message, PageContext page) {
        return analyze(message, page, Map.of()).classification();
    }

    public Analysis analyze(String message, PageContext page) {
        return analyze(message, page, Map.of());
    }

    /**
     * As {@link #analyze(String, PageContext)}, reading the NPIs and dates behind placeholders from
     * {@code originals} (placeholder to original, this conversation's vault entries) so that entities and page scope
     * see them.
     */
    public Analysis analyze(String message, PageContext page, Map<String, String> originals) {
        EntityExtractor.Scan scan = EntityExtractor.scan(message == null ? "" : message,
                originals == null ? Map.of() : originals, SPELLING::correct);
        Entities entities = scan.entities();
        Set<String> placeholders = new LinkedHashSet<>();
        Set<String> npiPlaceholders = new LinkedHashSet<>();
        for (Token token : scan.tokens()) {
            if (token.kind() == Kind.PLACEHOLDER) {
                placeholders.add(token.text());
                if (token.placeholderType().equals("NPI")) {
                    npiPlaceholders.add(token.text());
                }
            }
        }
        List<List<String>> clauses = clauses(scan.tokens());
        Destructive destructive = destructive(clauses);
        Classification classification = destructive != Destructive.NONE
                ? new Classification(Intent.ACTION, 0.95, entities, false)
                : classify(scan.tokens(), clauses, entities, page);
        return new Analysis(classification, destructive, List.copyOf(placeholders), List.copyOf(npiPlaceholders));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Classification classify(List<Token> tokens, List<List<String>> clauses, Entities entities,
            PageContext page) {
        boolean singleResource = pageScope.isSingleResource(page);
        Classification clarification = clarification(tokens, clauses, entities, singleResource);
        if (clarification != null) {
            return clarification;
        }
        double[] scores = new double[SCORED.length];
        for (List<String> clause : clauses) {
            score(clause, scores);
        }
        boolean data = entities.caseIds().size() + entities.ruleIds().size() + entities.npis().size() > 0;
        boolean onlyEntities = true;
        for (List<String> clause : clauses) {
            for (String word : clause) {
                data |= DATA_NOUNS.contains(word) || word.startsWith("#") && !word.equals("#num");
                onlyEntities &= word.startsWith("#") || word.equals("?") || FILLER.contains(word);
            }
        }
        if (data) {
            scores[QUERY] += 0.5;
        }
        if (data && scores[ACTION] == 0 && scores[NAVIGATION] == 0 && scores[REPORT] == 0) {
            // a noun phrase about data ("critical open cases", "CASE-000123?") is a lookup
            scores[QUERY] += onlyEntities ? 2.0 : 1.5;
        }
        int top = QUERY;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[top]) {
                top = i;
            }
        }
        double second = 0;
        for (int i = 0; i < scores.length; i++) {
            if (i != top) {
                second = Math.max(second, scores[i]);
            }
        }
        double margin = scores[top] - second;
        double confidence = round(0.3 + 0.2 * Math.min(scores[top], 2) / 2 + 0.45 * Math.min(margin, 2) / 2);
        Intent intent = SCORED[top];
        if (singleResource && intent != Intent.NAVIGATION && outOfScope(clauses, entities, page)) {
            return new Classification(Intent.OUT_OF_SCOPE_PAGE, 0.9, entities, false);
        }
        return new Classification(intent, confidence, entities, confidence < AMBIGUOUS_BELOW);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** CLARIFICATION for nothing to act on; null otherwise. */
    private static Classification clarification(List<Token> tokens, List<List<String>> clauses, Entities entities,
            boolean singleResource) {
        int alphanumerics = 0;
        boolean markers = false;
        boolean allFiller = true;
        boolean asks = false;
        for (Token token : tokens) {
            switch (token.kind()) {
                case WORD -> {
                    alphanumerics += token.text().length();
                    allFiller &= FILLER.contains(token.text());
                    asks |= ASKING_FILLER.contains(token.text());
                }
                case NUMBER -> {
                    alphanumerics += token.text().length();
                    allFiller = false;
                }
                case PUNCT -> { }
                default -> markers = true;
            }
        }
        if (tokens.isEmpty() || (!markers && alphanumerics == 0)) {
            return new Classification(Intent.CLARIFICATION, 1.0, entities, false);
        }
        if (markers) {
            // a lone placeholder ("⟦PERSON_1⟧?") says as little as filler
            boolean lonePlaceholder = entities.isEmpty() && alphanumerics == 0
                    && tokens.stream().allMatch(t -> t.kind() == Kind.PLACEHOLDER || t.kind() == Kind.PUNCT);
            return lonePlaceholder ? new Classification(Intent.CLARIFICATION, 0.8, entities, false) : null;
        }
        if (alphanumerics < 3 || allFiller) {
            if (singleResource && asks) {
                return new Classification(Intent.QUERY, 0.7, entities, false);
            }
            return new Classification(Intent.CLARIFICATION, 0.9, entities, false);
        }
        return null;
    }

    /** Adds one clause's cue weights to {@code scores}. */
    private static void score(List<String> clause, double[] scores) {
        Opening opening = opening(clause);
        int start = opening.start();
        boolean request = opening.request();
        boolean howTo = opening.howTo();
        if (start >= clause.size()) {
            return;
        }
        String first = clause.get(start);
        boolean question = howTo || (!request && (WH.contains(first) || AUX.contains(first)));
        boolean questionMark = clause.get(clause.size() - 1).equals("?");
        if (question) {
            scores[QUERY] += 1.5;
        }
        if (questionMark && !request) {
            scores[QUERY] += 1.0;
        }
        boolean reportWords = false;
        for (String word : clause) {
            reportWords |= REPORT_WORDS.contains(word) || SOFT_REPORT_WORDS.contains(word);
        }
        boolean pageNounScored = false;
        int lastRunObject = lastIndexOf(clause, RUN_OBJECTS);
        int lastFileFormat = lastIndexOf(clause, FILE_FORMATS);
        for (int j = start; j < clause.size(); j++) {
            String w = clause.get(j);
            String next = at(clause, j + 1);
            String next2 = at(clause, j + 2);
            boolean imperative = !question && (j == start || IMPERATIVE_JOINERS.contains(clause.get(j - 1)));

            // ACTION
            if (STRONG_ACTION.contains(w) && !(w.equals("remind") && "me".equals(next) && WH.contains(next2))) {
                scores[ACTION] += question ? 1.0 : 2.5;
            }
            if (imperative && WEAK_ACTION.contains(w) && !(w.equals("leave") && !"a".equals(next))) {
                scores[ACTION] += 2.5;
            }
            if (imperative && RUN_VERBS.contains(w) && !reportWords && lastRunObject > j) {
                scores[ACTION] += 2.5;
            }
            if (w.equals("reminder") || w.equals("reminders")) {
                scores[ACTION] += 1.5;
            }

            // NAVIGATION
            if (imperative && NAV_VERBS.contains(w)) {
                scores[NAVIGATION] += 3.0;
            }
            if ((w.equals("go") && ("to".equals(next) || "back".equals(next)))
                    || ((w.equals("take") || w.equals("bring") || w.equals("send") || w.equals("get"))
                            && "me".equals(next) && ("to".equals(next2) || "back".equals(next2)
                                    || "there".equals(next2)))
                    || ((w.equals("jump") || w.equals("head") || w.equals("switch") || w.equals("navigate")
                            || w.equals("redirect") || w.equals("return") || w.equals("get")) && "to".equals(next))) {
                scores[NAVIGATION] += 3.0;
            }
            if (!pageNounScored && PAGE_NOUNS.contains(w) && PAGE_OPENERS.contains(first)) {
                scores[NAVIGATION] += 4.0;
                pageNounScored = true;
            }
            if ((w.equals("link") || w.equals("url")) && !question) {
                scores[NAVIGATION] += 3.5;
            }

            // REPORT
            if (REPORT_WORDS.contains(w)) {
                scores[REPORT] += 4.0;
            } else if (SOFT_REPORT_WORDS.contains(w)) {
                scores[REPORT] += 3.5;
            } else if (w.equals("brief") && ("me".equals(next) || j > 0 && (clause.get(j - 1).equals("a")
                    || clause.get(j - 1).equals("me")) || imperative)) {
                scores[REPORT] += 4.0;
            } else if ((w.equals("download") || w.equals("save")) && lastFileFormat > j) {
                scores[REPORT] += 4.0;
            } else if (w.equals("write") && ("up".equals(next) || "a".equals(next) || "an".equals(next))) {
                scores[REPORT] += 4.0;
            }

            // QUERY
            if (imperative && QUERY_VERBS.contains(w)) {
                scores[QUERY] += 2.0;
            }
            if (w.equals("how") && ("many".equals(next) || "much".equals(next))) {
                scores[QUERY] += 1.0;
            }
        }
    }

    /** Where a clause's content starts, after greetings and request openings, and what the opening said. */
    private record Opening(int start, boolean request, boolean howTo) {}

    private static Opening opening(List<String> clause) {
        int i = 0;
        boolean request = false;
        boolean moved = true;
        while (moved && i < clause.size()) {
            moved = false;
            int how = matchPrefix(clause, i, HOW_TO);
            if (how > 0) {
                return new Opening(i + how, request, true);
            }
            int requestLength = matchPrefix(clause, i, REQUEST_PREFIXES);
            if (requestLength > 0) {
                i += requestLength;
                request = true;
                moved = true;
                continue;
            }
            int neutral = matchPrefix(clause, i, NEUTRAL_PREFIXES);
            if (neutral > 0 && i + neutral < clause.size()) {
                i += neutral;
                moved = true;
            }
        }
        return new Opening(i, request, false);
    }

    private static int matchPrefix(List<String> clause, int at, List<List<String>> prefixes) {
        int best = 0;
        for (List<String> prefix : prefixes) {
            if (prefix.size() > best && at + prefix.size() <= clause.size()
                    && clause.subList(at, at + prefix.size()).equals(prefix)) {
                best = prefix.size();
            }
        }
        return best;
    }

    private static String at(List<String> clause, int index) {
        return index < clause.size() ? clause.get(index) : null;
    }

    /** The last index of a word of {@code words} in the clause, or -1: "is there one after j" in constant time. */
    private static int lastIndexOf(List<String> clause, Set<String> words) {
        for (int k = clause.size() - 1; k >= 0; k--) {
            if (words.contains(clause.get(k))) {
                return k;
            }
        }
        return -1;
    }

    private static Destructive destructive(List<List<String>> clauses) {
        for (List<String> clause : clauses) {
            Opening opening = opening(clause);
            int start = opening.start();
            boolean requested = opening.request() || opening.howTo();
            int lastObject = lastIndexOf(clause, DELETE_OBJECTS);
            boolean privilegeVerb = false;
            boolean adminVerb = false;
            for (int j = 0; j < clause.size(); j++) {
                String w = clause.get(j);
                String previous = j > 0 ? clause.get(j - 1) : "";
                boolean deleting = DELETE_VERBS.contains(w)
                        || (w.equals("get") && "rid".equals(at(clause, j + 1)) && "of".equals(at(clause, j + 2)))
                        || (w.equals("clear") && "out".equals(at(clause, j + 1)));
                if (deleting && (j == start || requested || IMPERATIVE_JOINERS.contains(previous)
                        || previous.equals("to")) && lastObject > j) {
                    return Destructive.DELETE_DATA;
                }
                if (w.equals("revoke")) {
                    return Destructive.CHANGE_PERMISSIONS;
                }
                if (PRIVILEGE_NOUNS.contains(w) && privilegeVerb) {
                    return Destructive.CHANGE_PERMISSIONS;
                }
                if (ADMIN_NOUNS.contains(w) && adminVerb) {
                    return Destructive.CHANGE_PERMISSIONS;
                }
                privilegeVerb |= PRIVILEGE_VERBS.contains(w);
                adminVerb |= ADMIN_VERBS.contains(w);
            }
        }
        return Destructive.NONE;
    }

    private boolean outOfScope(List<List<String>> clauses, Entities entities, PageContext page) {
        String kind = pageScope.kind(page);
        String id = pageScope.resourceId(page);
        Set<String> facts = new HashSet<>();
        if (page.facts() != null) {
            for (Object value : page.facts().values()) {
                if (value != null) {
                    facts.add(value.toString().strip().toUpperCase(Locale.ROOT));
                }
            }
        }
        for (String caseId : entities.caseIds()) {
            if (kind.equals("case") ? !caseId.equalsIgnoreCase(id) : !facts.contains(caseId)) {
                return true;
            }
        }
        for (String npi : entities.npis()) {
            if (kind.equals("provider") ? !npi.equals(id) : !facts.contains(npi)) {
                return true;
            }
        }
        if (kind.equals("rule")) {
            for (String ruleId : entities.ruleIds()) {
                if (!ruleId.equalsIgnoreCase(id)) {
                    return true;
                }
            }
        }
        return workspaceWide(clauses, kind);
    }

    /**
     * Whether a clause asks about the whole workspace: "workspace", "overall", "all/other/top ... cases", or on a
     * case page "which/any/critical cases", unless it points back at the page ("this provider's cases").
     */
    private static boolean workspaceWide(List<List<String>> clauses, String kind) {
        String ownPlural = switch (kind) {
            case "case" -> "cases";
            case "provider" -> "providers";
            case "rule" -> "rules";
            default -> "";
        };
        for (List<String> clause : clauses) {
            boolean referent = false;
            for (String word : clause) {
                referent |= REFERENTS.contains(word);
            }
            if (referent) {
                continue;
            }
            for (int j = 0; j < clause.size(); j++) {
                String w = clause.get(j);
                if (WIDE_WORDS.contains(w)) {
                    return true;
                }
                boolean strong = STRONG_QUANTIFIERS.contains(w);
                boolean weak = WEAK_QUANTIFIERS.contains(w);
                if (!strong && !weak) {
                    continue;
                }
                for (int k = j + 1; k < clause.size() && k <= j + 3; k++) {
                    String noun = clause.get(k);
                    boolean plural = noun.equals("cases") || noun.equals("providers") || noun.equals("investigations");
                    boolean rules = noun.equals("rules")
                            && (w.equals("all") || w.equals("every") || w.equals("other") || w.equals("each"));
                    if ((strong && (plural || rules)) || (weak && (noun.equals(ownPlural)
                            || (ownPlural.equals("cases") && noun.equals("investigations"))))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The clauses of a message as lists of words: words lower-case and spell-checked, entities as markers
     * ({@code #case}, {@code #rule}, {@code #npi}, {@code #date}, {@code #level}, {@code #status}, {@code #num},
     * {@code #ph}, {@code #ph_npi}), a clause ending at {@code . ! ;} or at {@code ?} (which it keeps).
     */
    static List<List<String>> clauses(List<Token> tokens) {
        List<List<String>> clauses = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            switch (token.kind()) {
                case WORD -> {
                    // re-run, write-up, de-escalate: one word when the joined form is known
                    if (k + 2 < tokens.size() && tokens.get(k + 1).isPunct("-") && !tokens.get(k + 1).spaced()
                            && tokens.get(k + 2).kind() == Kind.WORD && !tokens.get(k + 2).spaced()
                            && SPELLING.knows(token.text() + tokens.get(k + 2).text())) {
                        current.add(token.text() + tokens.get(k + 2).text());
                        k += 2;
                    } else {
                        current.add(token.text());
                    }
                }
                case NUMBER -> current.add("#num");
                case CASE_ID -> current.add("#case");
                case RULE_ID -> current.add("#rule");
                case NPI -> current.add("#npi");
                case DATE -> current.add("#date");
                case LEVEL -> current.add("#level");
                case STATUS -> current.add("#status");
                case PLACEHOLDER -> current.add(token.placeholderType().equals("NPI") ? "#ph_npi" : "#ph");
                case PUNCT -> {
                    String p = token.text();
                    boolean sentenceEnd = p.equals("!") || p.equals(";") || p.equals("?")
                            || (p.equals(".") && (k + 1 == tokens.size() || tokens.get(k + 1).spaced()));
                    if (p.equals("?")) {
                        current.add("?");
                    }
                    if (sentenceEnd && !current.isEmpty()) {
                        clauses.add(current);
                        current = new ArrayList<>();
                    }
                }
            }
        }
        if (!current.isEmpty()) {
            clauses.add(current);
        }
        return clauses;
    }

    private static List<List<String>> phrases(String... phrases) {
        List<List<String>> out = new ArrayList<>();
        for (String phrase : phrases) {
            out.add(List.of(phrase.split(" ")));
        }
        return List.copyOf(out);
    }

    /**
     * Fixes a word one typo (a letter missing, extra, wrong or two swapped) away from exactly one known word of five
     * letters or more, plus a short list of common short typos. Found through the words' one-letter deletions, so a
     * look-up costs a few hash probes.
     */
    static final class Spelling {

        private static final String AMBIGUOUS = "";
        private static final Map<String, String> TYPOS = Map.ofEntries(Map.entry("shwo", "show"),
                Map.entry("sho", "show"), Map.entry("hsow", "show"), Map.entry("hwo", "how"), Map.entry("hw", "how"),
                Map.entry("waht", "what"),
                Map.entry("whta", "what"), Map.entry("wat", "what"), Map.entry("wht", "what"), Map.entry("teh", "the"),
                Map.entry("hte", "the"), Map.entry("cse", "case"), Map.entry("csae", "case"), Map.entry("caes", "case"),
                Map.entry("lsit", "list"), Map.entry("lits", "list"), Map.entry("opne", "open"),
                Map.entry("hihg", "high"), Map.entry("hgih", "high"), Map.entry("rsik", "risk"),
                Map.entry("risck", "risk"), Map.entry("stas", "stats"), Map.entry("stat", "stats"),
                Map.entry("plz", "please"), Map.entry("u", "you"), Map.entry("ur", "your"), Map.entry("r", "are"),
                Map.entry("fo", "of"), Map.entry("nad", "and"), Map.entry("whats", "what's"), Map.entry("rul", "rule"),
                Map.entry("ruel", "rule"), Map.entry("ruels", "rules"), Map.entry("sumary", "summary"),
                Map.entry("ot", "to"), Map.entry("tp", "to"), Map.entry("gi", "go"), Map.entry("mee", "me"),
                Map.entry("npis", "npi"), Map.entry("summry", "summary"));
        private static final Set<String> NEVER = Set.of("expert", "experts", "closet", "closes", "cased", "rulers",
                "ruled", "reports", "stats", "statue", "status", "states", "stated", "opens", "opener", "opened",
                "remain", "remains", "summer", "later", "latest", "close", "closed", "cases", "cause", "casts", "chase",
                "score", "scare", "store", "share", "shore", "there", "these", "those", "where", "whose", "their",
                "other", "under", "order", "older", "rules", "roles", "notes", "nodes", "level", "lever", "items",
                "alerts", "escalated", "updated", "changed", "assigned", "marked", "moved", "added", "reported",
                "flagged", "tagged", "created", "logged", "posted", "started", "triggered", "processed", "reviewed",
                "exported", "closing", "opening", "running", "summed", "filed", "files", "fired", "hired", "wired",
                "tired", "firing", "hits", "bits", "sits", "list", "lost", "last", "least", "updates", "changes",
                "marks",
                "moves", "assigns", "creates", "schedules", "resolves", "dismisses", "approves", "rejects", "triggers",
                "launches", "executes", "restarts", "exports", "deletes", "removes", "purges", "erases", "destroys",
                "grants", "promotes", "reviews", "searches", "displays", "describes", "compares", "explains",
                "reminds", "escalates", "reopens", "closer", "opinion", "shows", "showed", "shown");
        private static final List<String> VOCABULARY = List.of(("escalate reassign unassign reopen rerun reprocess "
                + "remind reminder reminders close assign update change mark schedule create comment comments "
                + "transition resolve dismiss approve reject snooze pipeline rules analysis scoring processing trigger "
                + "launch execute restart navigate dashboard screen panel section settings report summary summaries "
                + "summarize summarise recap digest writeup briefing export memo overview rundown synopsis "
                + "spreadsheet download display fetch search lookup explain describe compare filter identify analyze "
                + "calculate provider providers claims evidence amount billed investigations doctor specialty fraud "
                + "flagged assignee statistics numbers metrics counts workspace critical medium escalated review "
                + "closed status statuses delete remove purge erase destroy truncate database records permission "
                + "permissions privilege privileges access admin administrator promote demote elevate revoke grant "
                + "upgrade highest riskiest risky scores score details detail information profile triggered fired "
                + "threshold thresholds weight weights catalogue catalog enabled disabled physician prescriber "
                + "pharmacy medical unprocessed quality failed breakdown totals latest recent happening assigned "
                + "please could would there which what's where about cases show open tell about deescalate "
                + "investigation happened going pending waiting succeed succeeded completed finished currently "
                + "priority ranked sorted ranking frequently often biggest largest top first count number").split(" "));

        private final Set<String> known = new HashSet<>();
        private final Map<String, String> byDeletion = new HashMap<>();

        Spelling() {
            for (String word : VOCABULARY) {
                known.add(word);
                if (word.length() >= 5) {
                    index(word, word);
                    for (int i = 0; i < word.length(); i++) {
                        index(deleteAt(word, i), word);
                    }
                }
            }
        }

        private void index(String key, String word) {
            String present = byDeletion.get(key);
            byDeletion.put(key, present == null || present.equals(word) ? word : AMBIGUOUS);
        }

        boolean knows(String word) {
            return known.contains(word);
        }

        String correct(String word) {
            String typo = TYPOS.get(word);
            if (typo != null) {
                return typo;
            }
            if (word.length() < 5 || word.length() > 20 || known.contains(word) || NEVER.contains(word)) {
                return word;
            }
            String found = null;
            String direct = byDeletion.get(word);
            if (direct != null) {
                if (direct.equals(AMBIGUOUS)) {
                    return word;
                }
                found = direct;
            }
            for (int i = 0; i < word.length(); i++) {
                String candidate = byDeletion.get(deleteAt(word, i));
                if (candidate == null) {
                    continue;
                }
                if (candidate.equals(AMBIGUOUS) || (found != null && !found.equals(candidate))) {
                    return word;
                }
                found = candidate;
            }
            return found != null && found.charAt(0) == word.charAt(0) && oneEditApart(word, found) ? found : word;
        }

        private static String deleteAt(String word, int i) {
            return word.substring(0, i) + word.substring(i + 1);
        }

        /** Optimal-string-alignment distance at most 1, in linear time. */
        static boolean oneEditApart(String a, String b) {
            if (Math.abs(a.length() - b.length()) > 1) {
                return false;
            }
            int i = 0;
            while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            if (a.length() == b.length()) {
                if (i == a.length()) {
                    return true;
                }
                if (a.substring(i + 1).equals(b.substring(i + 1))) {
                    return true; // one substitution
                }
                return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                        && a.substring(i + 2).equals(b.substring(i + 2)); // one transposition
            }
            String longer = a.length() > b.length() ? a : b;
            String shorter = a.length() > b.length() ? b : a;
            return longer.substring(i + 1).equals(shorter.substring(i));
        }
    }
}
