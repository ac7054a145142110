/**
 * pipeline-service (:8083): claims uploads, durable jobs, quality gates, fraud rules, cases.
 *
 * <p>Owns PostgreSQL database parley_pipeline; Redis keys parley:pipeline:* (job queue and job state). Health, metrics, OpenAPI, JWT verification, request ids and problem+json come
 * from platform-runtime; this package grows the service's own rest, service, repository, client, domain and
 * config packages.
 */
package dev.parley.pipeline;
