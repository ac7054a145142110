package dev.parley.pipeline.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.pipeline.config.RulesConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue's reading of parley.pipeline.rules.*: the defaults parse, every mistake names its property. */
class RuleCatalogueTest {

    record Rule(boolean enabled, double weight, double cap, Map<String, String> thresholds) implements RulesConfig.Rule {}

    /** The defaults of application.properties. */
    static Map<String, RulesConfig.Rule> defaults() {
        Map<String, RulesConfig.Rule> rules = new LinkedHashMap<>();
        rules.put("RULE-MED-001", new Rule(true, 15, 45, Map.of()));
        rules.put("RULE-MED-002", new Rule(true, 5, 30, Map.of("min-share", "0.5", "peer-ratio", "2.0", "min-em-claims", "20")));
        rules.put("RULE-MED-003", new Rule(true, 5, 25, Map.of("default-max-units", "10",
                "max-units", "97110=6,97140=6,97530=6,96372=4,36415=2")));
        rules.put("RULE-MED-004", new Rule(true, 20, 60, Map.of("max-minutes", "1440",
                "minutes", "90837=60,90834=45,90832=30,99215=40,99214=30,97110=15,97140=15,97530=15")));
        rules.put("RULE-MED-005", new Rule(true, 10, 40, Map.of("pairs", "80053>80048,93000>93010,45380>45378,99215>99211")));
        rules.put("RULE-MED-006", new Rule(true, 10, 30, Map.of("sigmas", "3", "min-group-size", "30")));
        rules.put("RULE-MED-007", new Rule(true, 10, 40, Map.of()));
        rules.put("RULE-RX-001", new Rule(true, 8, 40, Map.of("refill-ratio", "0.75")));
        rules.put("RULE-RX-002", new Rule(true, 10, 30, Map.of("sigmas", "3", "min-group-size", "30")));
        rules.put("RULE-RX-003", new Rule(true, 10, 40, Map.of()));
        return rules;
    }

    private static List<String> problems(Map<String, RulesConfig.Rule> rules) {
        List<String> problems = new ArrayList<>();
        RuleCatalogue.parse(rules, problems);
        return problems;
    }

    @Test
    void theDefaultsParseIntoTypedThresholds() {
        List<String> problems = new ArrayList<>();
        List<RuleDefinition> rules = RuleCatalogue.parse(defaults(), problems);
        assertThat(problems).isEmpty();
        assertThat(rules).extracting(RuleDefinition::id).containsExactly("RULE-MED-001", "RULE-MED-002", "RULE-MED-003",
                "RULE-MED-004", "RULE-MED-005", "RULE-MED-006", "RULE-MED-007", "RULE-RX-001", "RULE-RX-002", "RULE-RX-003");
        RuleDefinition upcoding = rules.get(1);
        assertThat(upcoding.thresholds()).containsExactly(Map.entry("min-share", new BigDecimal("0.5")),
                Map.entry("peer-ratio", new BigDecimal("2.0")), Map.entry("min-em-claims", 20));
        assertThat(rules.get(2).thresholds().get("max-units")).isEqualTo(Map.of("97110", 6, "97140", 6, "97530", 6,
                "96372", 4, "36415", 2));
        assertThat(rules.get(4).thresholds().get("pairs")).asList().first()
                .isEqualTo(Map.of("code", "80053", "component", "80048"));
        assertThat(rules.get(7).claimKind().column()).isEqualTo("pharmacy");
    }

    @Test
    void unknownAndMalformedIdsAreNamed() {
        Map<String, RulesConfig.Rule> rules = defaults();
        rules.put("RULE-MED-099", new Rule(true, 1, 1, Map.of()));
        rules.put("rule-med-1", new Rule(true, 1, 1, Map.of()));
        assertThat(problems(rules)).containsExactlyInAnyOrder(
                "parley.pipeline.rules.\"RULE-MED-099\" is not a rule the engine knows",
                "parley.pipeline.rules.\"rule-med-1\" is not a rule id (RULE-XX-000)");
    }

    @Test
    void missingRulesThresholdsAndBadValuesAreNamed() {
        Map<String, RulesConfig.Rule> rules = defaults();
        rules.remove("RULE-MED-007");
        rules.put("RULE-MED-002", new Rule(true, -5, Double.NaN, Map.of("min-share", "1.5", "peer-ratio", "two",
                "min-em-claims", "0", "min-shar", "0.4")));
        rules.put("RULE-MED-003", new Rule(true, 5, 25, Map.of("default-max-units", "-1", "max-units", "97110=6,9714=6")));
        rules.put("RULE-MED-005", new Rule(true, 10, 40, Map.of("pairs", "80053>80053")));
        rules.put("RULE-RX-001", new Rule(true, 8, 40, Map.of()));
        assertThat(problems(rules)).containsExactlyInAnyOrder(
                "parley.pipeline.rules.\"RULE-MED-002\".weight must be a number of at least 0",
                "parley.pipeline.rules.\"RULE-MED-002\".cap must be a number of at least 0",
                "parley.pipeline.rules.\"RULE-MED-002\".thresholds.min-shar is not a threshold of RULE-MED-002"
                        + " (it reads [min-share, peer-ratio, min-em-claims])",
                "parley.pipeline.rules.\"RULE-MED-002\".thresholds.min-share must be a decimal from 0 to 1 (is '1.5')",
                "parley.pipeline.rules.\"RULE-MED-002\".thresholds.peer-ratio must be a decimal of at least 0 (is 'two')",
                "parley.pipeline.rules.\"RULE-MED-002\".thresholds.min-em-claims must be an integer of at least 1 (is '0')",
                "parley.pipeline.rules.\"RULE-MED-003\".thresholds.default-max-units must be an integer of at least 0 (is '-1')",
                "parley.pipeline.rules.\"RULE-MED-003\".thresholds.max-units must list code=count pairs (5-character codes,"
                        + " each once, counts >= 0); '9714=6' is not one",
                "parley.pipeline.rules.\"RULE-MED-005\".thresholds.pairs must list code>component pairs of two different"
                        + " 5-character codes, each once; '80053>80053' is not one",
                "parley.pipeline.rules.\"RULE-MED-007\".weight and .cap are missing",
                "parley.pipeline.rules.\"RULE-RX-001\".thresholds.refill-ratio is missing");
    }

    @Test
    void aRuleWithoutThresholdsRefusesOne() {
        Map<String, RulesConfig.Rule> rules = defaults();
        rules.put("RULE-MED-001", new Rule(false, 15, 45, Map.of("window-days", "3")));
        assertThat(problems(rules)).containsExactly(
                "parley.pipeline.rules.\"RULE-MED-001\".thresholds.window-days is not a threshold of RULE-MED-001 (it has none)");
    }
}
