package dev.parley.agent.domain;

/**
 * The intent of a message, how sure the classifier is (0..1), and the entities it names.
 *
 * @param ambiguous true when the rules could not decide well enough; only then is a configured LLM asked
 */
public record Classification(Intent intent, double confidence, Entities entities, boolean ambiguous) {}
