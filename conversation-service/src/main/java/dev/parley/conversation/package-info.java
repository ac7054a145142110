/**
 * conversation-service (:8081): server-side conversation state, conversation tokens, page context.
 *
 * <p>Owns PostgreSQL database parley_conversation; Redis keys parley:conv:* (page-context cache). Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.conversation;
