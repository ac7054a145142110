/**
 * Prompt governance: versioned prompt resources ({@code prompts/*.yaml}), loaded and checked at start-up by
 * {@link dev.parley.agent.prompt.PromptRegistry}, rendered with {@code {{name}}} placeholders, and assigned per
 * conversation by configured A/B weights.
 */
package dev.parley.agent.prompt;
