/**
 * The PII/PHI detection engine: plain Java, no framework, unit-testable.
 *
 * <p>Empty until the compliance issue fills it; the module exists so that the build graph (compliance-service
 * serves it, audit-service embeds it) is fixed from the start.
 */
package dev.parley.pii;
