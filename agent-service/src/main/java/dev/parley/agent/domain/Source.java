package dev.parley.agent.domain;

/**
 * What an answer cites: a case, rule, provider, the workspace's statistics or a run.
 *
 * @param type {@code case}, {@code rule}, {@code provider}, {@code stats} or {@code run}
 * @param href the application path of the resource ({@code /cases/CASE-000123}), or null
 */
public record Source(String type, String id, String title, String href) {}
