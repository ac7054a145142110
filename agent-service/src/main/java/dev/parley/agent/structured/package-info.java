/**
 * Structured answers: case summaries and reports the model is asked to write as JSON, parsed into records and
 * checked with Bean Validation ({@link dev.parley.agent.structured.StructuredOutputParser}), and the short format
 * instructions that ask for them ({@link dev.parley.agent.structured.StructuredPrompts}).
 */
package dev.parley.agent.structured;
