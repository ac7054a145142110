/**
 * audit-service (:8084): the append-only audit topic and its verified, queryable projection.
 *
 * <p>Owns Kafka topic parley.audit.v1 (the record of truth); PostgreSQL database parley_audit (projection). Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.audit;
