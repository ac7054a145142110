package dev.parley.pipeline.service;

import dev.parley.pipeline.config.PipelineConfig;
import dev.parley.pipeline.config.RulesConfig;
import dev.parley.pipeline.domain.RiskLevel;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The fraud rules as configured ({@code parley.pipeline.rules."<id>".*}), validated once: every configured id must be
 * a rule the engine knows, every threshold it reads present and parseable, weights and caps at least 0. A mistake
 * stops start-up with a message naming each faulty property. At start the catalogue is written to the {@code rule}
 * table (rule hits reference it).
 */
@ApplicationScoped
public class RuleCatalogue {

    private static final Logger LOG = Logger.getLogger(RuleCatalogue.class);
    private static final Pattern RULE_ID = Pattern.compile("^RULE-[A-Z]{2,4}-[0-9]{3}$");
    private static final Pattern CODE = Pattern.compile("^[0-9]{4}[0-9A-Z]$");
    private static final String PREFIX = "parley.pipeline.rules.\"";

    private final Pool pool;
    private final List<RuleDefinition> rules;
    private final PipelineConfig.Risk risk;
    private final PipelineConfig.Quality quality;
    private final RiskLevel caseMinLevel;

    public RuleCatalogue(Pool pool, RulesConfig rulesConfig, PipelineConfig pipelineConfig) {
        this.pool = pool;
        this.risk = pipelineConfig.risk();
        this.quality = pipelineConfig.quality();
        List<String> problems = new ArrayList<>();
        this.rules = parse(rulesConfig.rules(), problems);
        this.caseMinLevel = RiskLevel.parse(risk.caseMinLevel());
        validate(risk, quality, caseMinLevel, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid pipeline configuration: " + String.join("; ", problems));
        }
    }

    /** Writes the catalogue to the {@code rule} table (insert or update by id; rows of rules no longer known stay). */
    void onStart(@Observes StartupEvent event) {
        List<Tuple> rows = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            rows.add(Tuple.tuple(List.of(rule.id(), rule.name(), rule.description(), rule.claimKind().column(),
                    BigDecimal.valueOf(rule.weight()), BigDecimal.valueOf(rule.cap()), rule.enabled(),
                    new JsonObject(new LinkedHashMap<>(rule.thresholds())))));
        }
        pool.preparedQuery("""
                        INSERT INTO rule (rule_id, name, description, claim_kind, weight, cap, enabled, thresholds)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (rule_id) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                            claim_kind = EXCLUDED.claim_kind, weight = EXCLUDED.weight, cap = EXCLUDED.cap,
                            enabled = EXCLUDED.enabled, thresholds = EXCLUDED.thresholds""")
                .executeBatch(rows)
                .await().atMost(Duration.ofSeconds(30));
        LOG.infof("Rule catalogue: %d rules, %d enabled", rules.size(), enabledRules().size());
    }

    /** Every rule the engine knows, in id order, as configured. */
    public List<RuleDefinition> rules() {
        return rules;
    }

    /** The rules a run evaluates. */
    public List<RuleDefinition> enabledRules() {
        return rules.stream().filter(RuleDefinition::enabled).toList();
    }

    /** The rule of an id, or null. */
    public RuleDefinition rule(String id) {
        return rules.stream().filter(rule -> rule.id().equals(id)).findFirst().orElse(null);
    }

    /** The lowest level that opens a case. */
    public RiskLevel caseMinLevel() {
        return caseMinLevel;
    }

    public PipelineConfig.Risk risk() {
        return risk;
    }

    public PipelineConfig.Quality quality() {
        return quality;
    }

    /** What a run computes with: every rule with its switch, weight, cap and thresholds; risk and quality settings. */
    public Map<String, Object> snapshot() {
        List<Map<String, Object>> ruleList = new ArrayList<>();
        for (RuleDefinition rule : rules) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", rule.id());
            entry.put("enabled", rule.enabled());
            entry.put("weight", rule.weight());
            entry.put("cap", rule.cap());
            entry.put("thresholds", rule.thresholds());
            ruleList.add(entry);
        }
        Map<String, Object> riskSettings = new LinkedHashMap<>();
        riskSettings.put("medium", risk.medium());
        riskSettings.put("high", risk.high());
        riskSettings.put("critical", risk.critical());
        riskSettings.put("caseMinLevel", caseMinLevel.wire());
        Map<String, Object> qualitySettings = new LinkedHashMap<>();
        qualitySettings.put("outlierSigmas", quality.outlierSigmas());
        qualitySettings.put("minGroupSize", quality.minGroupSize());
        qualitySettings.put("reportedIssues", quality.reportedIssues());
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("rules", ruleList);
        snapshot.put("risk", riskSettings);
        snapshot.put("quality", qualitySettings);
        return snapshot;
    }

    // ---------------------------------------------------------------------------------------------------------------

    static List<RuleDefinition> parse(Map<String, RulesConfig.Rule> configured, List<String> problems) {
        for (String id : configured.keySet()) {
            if (!RULE_ID.matcher(id).matches()) {
                problems.add(PREFIX + id + "\" is not a rule id (RULE-XX-000)");
            } else if (KnownRule.byId(id) == null) {
                problems.add(PREFIX + id + "\" is not a rule the engine knows");
            }
        }
        List<RuleDefinition> rules = new ArrayList<>();
        for (KnownRule known : KnownRule.values()) {
            RulesConfig.Rule rule = configured.get(known.id);
            String base = PREFIX + known.id + "\"";
            if (rule == null) {
                problems.add(base + ".weight and .cap are missing");
                continue;
            }
            checkPoints(base + ".weight", rule.weight(), problems);
            checkPoints(base + ".cap", rule.cap(), problems);
            Map<String, String> given = rule.thresholds();
            for (String name : given.keySet()) {
                if (!known.thresholds.containsKey(name)) {
                    problems.add(base + ".thresholds." + name + " is not a threshold of " + known.id
                            + (known.thresholds.isEmpty() ? " (it has none)" : " (it reads " + known.thresholds.keySet() + ")"));
                }
            }
            Map<String, Object> parsed = new LinkedHashMap<>();
            known.thresholds.forEach((name, kind) -> {
                String property = base + ".thresholds." + name;
                String text = given.get(name);
                if (text == null || text.isBlank()) {
                    problems.add(property + " is missing");
                    return;
                }
                Object value = parseThreshold(property, text.strip(), kind, problems);
                if (value != null) {
                    parsed.put(name, value);
                }
            });
            rules.add(new RuleDefinition(known.id, known.ruleName, known.description, known.kind, rule.weight(),
                    rule.cap(), rule.enabled(), Collections.unmodifiableMap(parsed)));
        }
        return List.copyOf(rules);
    }

    private static void checkPoints(String property, double value, List<String> problems) {
        if (!Double.isFinite(value) || value < 0) {
            problems.add(property + " must be a number of at least 0");
        }
    }

    private static Object parseThreshold(String property, String text, KnownRule.Threshold kind, List<String> problems) {
        switch (kind) {
            case FRACTION, DECIMAL -> {
                BigDecimal value = decimal(text);
                if (value == null || value.signum() < 0 || (kind == KnownRule.Threshold.FRACTION && value.compareTo(BigDecimal.ONE) > 0)) {
                    problems.add(property + " must be a decimal " + (kind == KnownRule.Threshold.FRACTION ? "from 0 to 1" : "of at least 0")
                            + " (is '" + text + "')");
                    return null;
                }
                return value;
            }
            case COUNT, POSITIVE -> {
                Integer value = integer(text);
                int min = kind == KnownRule.Threshold.POSITIVE ? 1 : 0;
                if (value == null || value < min) {
                    problems.add(property + " must be an integer of at least " + min + " (is '" + text + "')");
                    return null;
                }
                return value;
            }
            case CODE_COUNTS -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (String item : text.split(",")) {
                    String[] parts = item.strip().split("=", -1);
                    Integer count = parts.length == 2 ? integer(parts[1].strip()) : null;
                    String code = parts.length == 2 ? parts[0].strip() : "";
                    if (count == null || count < 0 || !CODE.matcher(code).matches() || counts.containsKey(code)) {
                        problems.add(property + " must list code=count pairs (5-character codes, each once, counts >= 0);"
                                + " '" + item.strip() + "' is not one");
                        return null;
                    }
                    counts.put(code, count);
                }
                return Collections.unmodifiableMap(counts);
            }
            case CODE_PAIRS -> {
                List<Map<String, String>> pairs = new ArrayList<>();
                for (String item : text.split(",")) {
                    String[] parts = item.strip().split(">", -1);
                    String code = parts.length == 2 ? parts[0].strip() : "";
                    String component = parts.length == 2 ? parts[1].strip() : "";
                    Map<String, String> pair = new LinkedHashMap<>();
                    pair.put("code", code);
                    pair.put("component", component);
                    if (!CODE.matcher(code).matches() || !CODE.matcher(component).matches() || code.equals(component)
                            || pairs.contains(pair)) {
                        problems.add(property + " must list code>component pairs of two different 5-character codes,"
                                + " each once; '" + item.strip() + "' is not one");
                        return null;
                    }
                    pairs.add(Collections.unmodifiableMap(pair));
                }
                return List.copyOf(pairs);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    private static void validate(PipelineConfig.Risk risk, PipelineConfig.Quality quality, RiskLevel caseMinLevel,
            List<String> problems) {
        if (!(risk.medium() >= 0 && risk.medium() <= risk.high() && risk.high() <= risk.critical()
                && Double.isFinite(risk.critical()))) {
            problems.add("parley.pipeline.risk.medium, .high and .critical must be ascending numbers of at least 0");
        }
        if (caseMinLevel == null) {
            problems.add("parley.pipeline.risk.case-min-level must be one of low, medium, high, critical");
        }
        if (!(quality.outlierSigmas() >= 0 && Double.isFinite(quality.outlierSigmas()))) {
            problems.add("parley.pipeline.quality.outlier-sigmas must be a number of at least 0");
        }
        if (quality.minGroupSize() < 1) {
            problems.add("parley.pipeline.quality.min-group-size must be at least 1");
        }
        if (quality.reportedIssues() < 0) {
            problems.add("parley.pipeline.quality.reported-issues must be at least 0");
        }
    }

    private static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
