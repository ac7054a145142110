/**
 * gateway-service (:8080): the one door: JWT, rate limits, security headers, CORS, routing, SSE passthrough.
 *
 * <p>Owns Redis keys parley:rl:* (rate-limit counters). Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.gateway;
