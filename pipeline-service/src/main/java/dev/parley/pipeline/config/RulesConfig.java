package dev.parley.pipeline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * The fraud rules' weights, caps and thresholds, under {@code parley.pipeline.rules."<rule id>".*}; the defaults
 * are in application.properties and documented in the README.
 */
@ConfigMapping(prefix = "parley.pipeline")
public interface RulesConfig {

    /** Each rule by id ({@code RULE-MED-001}). */
    Map<String, Rule> rules();

    interface Rule {
        @WithDefault("true")
        boolean enabled();

        /** Risk points per hit. */
        double weight();

        /** The most points this rule adds to one provider's score. */
        double cap();

        /** The rule's own thresholds, by name (numbers, code lists, code maps as the rule defines them). */
        Map<String, String> thresholds();
    }
}
