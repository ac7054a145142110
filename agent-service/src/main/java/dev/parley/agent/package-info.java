/**
 * agent-service (:8082): chat orchestration: intent, tools, LLM, streaming, validation.
 *
 * <p>Owns nothing persistent; it calls the other services. Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.agent;
