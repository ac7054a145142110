package dev.parley.agent.service;

import dev.parley.agent.config.AgentConfig;
import dev.parley.agent.domain.PageContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a page chat may talk about and do.
 *
 * <p>A page is <em>informational</em> when it shows no single resource: its {@code resourceType} is one of a
 * configurable set (dashboard, help, rules, stats...), or it has no type or no resource id. Informational pages are
 * workspace-wide (nothing is out of their scope) but read-only. Every other page is a <em>single-resource</em> page
 * (a case, a provider, a rule, a run): questions about other resources of the workspace get {@link #reminder}, and
 * mutating tools are offered only when the page's {@code allowedActions} names them.
 */
@ApplicationScoped
public class PageScope {

    /** The page types that show no single resource, by default. */
    public static final Set<String> DEFAULT_INFORMATIONAL_TYPES = Set.of("dashboard", "help", "rules", "stats", "home",
            "workspace", "cases", "providers", "runs", "settings", "search", "uploads", "report");

    /** Tools that only read: every page may use them. */
    public static final List<String> READ_ONLY_TOOLS = List.of("query_pipeline_stats", "query_cases",
            "query_case_detail", "query_rules", "query_provider");

    /** Tools that change something: only on a single-resource page whose {@code allowedActions} names them. */
    public static final List<String> MUTATING_TOOLS = List.of("update_case_status", "add_case_comment", "set_reminder",
            "run_pipeline");

    private final Set<String> informationalTypes;

    public PageScope() {
        this(DEFAULT_INFORMATIONAL_TYPES);
    }

    /** The one scope the classifier, the fast path and the turn share: {@code parley.agent.turn.informational-pages}. */
    @Inject
    public PageScope(AgentConfig config) {
        this(config.turn().informationalPages().<Set<String>>map(Set::copyOf).orElse(DEFAULT_INFORMATIONAL_TYPES));
    }

    /** @param informationalTypes page types (any case) that show no single resource */
    public PageScope(Set<String> informationalTypes) {
        this.informationalTypes = informationalTypes.stream().map(type -> type.toLowerCase(Locale.ROOT).strip())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether {@code page} shows no single resource. A null page (global mode) is not a page, so not informational. */
    public boolean isInformational(PageContext page) {
        if (page == null) {
            return false;
        }
        return kind(page).isEmpty() || informationalTypes.contains(kind(page)) || resourceId(page).isEmpty();
    }

    /** Whether {@code page} is about one resource (a case, a provider, a rule, a run). */
    public boolean isSingleResource(PageContext page) {
        return page != null && !isInformational(page);
    }

    /** The page's resource type, lower-case ({@code case}, {@code provider}, {@code rule}...), or empty. */
    public String kind(PageContext page) {
        return page == null || page.resourceType() == null ? "" : page.resourceType().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The page's resource id, canonical (upper-case for case and rule ids) and reduced to {@code [A-Za-z0-9._-]}, at
     * most 64 characters: it comes from the browser and goes into replies.
     */
    public String resourceId(PageContext page) {
        if (page == null || page.resourceId() == null) {
            return "";
        }
        StringBuilder id = new StringBuilder();
        String raw = page.resourceId().strip();
        for (int i = 0; i < raw.length() && id.length() < 64; i++) {
            char c = raw.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    || c == '-') {
                id.append(c);
            }
        }
        String kind = kind(page);
        return kind.equals("case") || kind.equals("rule") ? id.toString().toUpperCase(Locale.ROOT) : id.toString();
    }

    /** The short answer to a question outside the page's scope (OUT_OF_SCOPE_PAGE); no model is called for it. */
    public String reminder(PageContext page) {
        String id = resourceId(page);
        return switch (isSingleResource(page) ? kind(page) : "") {
            case "case" -> "This chat is about " + id + ". Ask about it here, or use the workspace chat for other "
                    + "cases, providers or questions about the whole workspace.";
            case "provider" -> "This chat is about provider " + id + ". Ask about this provider here, or use the "
                    + "workspace chat for other providers, cases or questions about the whole workspace.";
            case "rule" -> "This chat is about " + id + ". Ask about this rule here, or use the workspace chat for "
                    + "other rules, cases or questions about the whole workspace.";
            case "" -> "This chat is about the " + (kind(page).isEmpty() ? "current" : kind(page)) + " page. Ask about "
                    + "it here, or use the workspace chat for anything else.";
            default -> "This chat is about this " + kind(page) + " (" + id + "). Ask about it here, or use the "
                    + "workspace chat for anything else.";
        };
    }

    /**
     * The tools a turn may offer the model on {@code page}: the read-only ones always; in global mode (null page)
     * every tool (roles are checked where the action runs); on a page the mutating ones it allows.
     */
    public List<String> allowedTools(PageContext page) {
        if (page == null) {
            List<String> all = new ArrayList<>(READ_ONLY_TOOLS);
            all.addAll(MUTATING_TOOLS);
            return List.copyOf(all);
        }
        return allowedTools(page.allowedActions(), isInformational(page));
    }

    /**
     * The read-only tools, plus each mutating tool that {@code allowedActions} names exactly (any case), unless the
     * page is informational. Unknown action names are ignored.
     */
    public List<String> allowedTools(List<String> allowedActions, boolean informational) {
        List<String> tools = new ArrayList<>(READ_ONLY_TOOLS);
        if (!informational && allowedActions != null) {
            Set<String> allowed = allowedActions.stream().filter(a -> a != null)
                    .map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            for (String tool : MUTATING_TOOLS) {
                if (allowed.contains(tool)) {
                    tools.add(tool);
                }
            }
        }
        return List.copyOf(tools);
    }
}
