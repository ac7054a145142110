package dev.parley.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * A/B weights of the versioned prompts ({@code prompts/*.yaml}), under
 * {@code parley.agent.prompts."<prompt id>".weights.<version>=<weight>}, for example
 * {@code parley.agent.prompts."chat-system".weights.v1=50} and {@code ...weights.v2=50}.
 *
 * <p>A conversation gets a version with a probability of its weight over the prompt's total, by a stable hash of the
 * conversation id (the same version on every turn). A prompt without weights uses its highest version only; versions
 * a prompt's weights leave out get 0. {@code PromptRegistry} checks the weights at start-up: an unknown prompt id or
 * version, a weight outside 0..100000, or weights that add up to 0 stop the service with the property's name.
 */
@ConfigMapping(prefix = "parley.agent.prompts")
public interface PromptsConfig {

    /** By prompt id ({@code chat-system}, {@code page-preamble}, ...). */
    @WithParentName
    Map<String, PromptWeights> prompts();

    /** The split of one prompt over its versions. */
    interface PromptWeights {

        /** Weight by version ({@code v1}, {@code v2}); relative, not necessarily adding up to 100. */
        Map<String, Integer> weights();
    }
}
