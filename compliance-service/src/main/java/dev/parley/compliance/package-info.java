/**
 * compliance-service (:8085): PII/PHI detection and scrubbing, field encryption, tokenization.
 *
 * <p>Owns Redis keys parley:vault:* (encrypted reversible tokens, with TTL). Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.compliance;
