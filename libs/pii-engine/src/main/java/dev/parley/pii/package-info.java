/**
 * The PII/PHI detection engine: plain Java, no framework. {@link dev.parley.pii.PiiDetector} runs the
 * {@link dev.parley.pii.detect.Detector}s, scores candidates by context, applies a tenant's
 * {@link dev.parley.pii.Policy} and resolves overlaps; {@code dev.parley.pii.scrub} replaces what was found.
 * compliance-service serves it over HTTP; audit-service embeds it as its ingest guard.
 */
package dev.parley.pii;
