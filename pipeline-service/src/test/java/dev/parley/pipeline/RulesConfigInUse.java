package dev.parley.pipeline;

import dev.parley.pipeline.config.RulesConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Quarkus registers a config mapping only where something injects it, and refuses to start while
 * {@code parley.pipeline.rules.*} maps to nothing. Nothing on this branch reads the rules yet (the rule catalogue
 * does, in its own change), so the tests inject them here; redundant, and harmless, once the catalogue does.
 */
@ApplicationScoped
@Unremovable
class RulesConfigInUse {

    RulesConfigInUse(RulesConfig rules) {
        rules.rules();
    }
}
