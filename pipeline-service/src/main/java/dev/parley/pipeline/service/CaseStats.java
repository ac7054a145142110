package dev.parley.pipeline.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What scoring did to the workspace's cases.
 *
 * @param opened  cases opened by this run
 * @param updated cases that existed before and were rescored (every earlier case of the workspace)
 * @param byLevel the workspace's cases after the run by risk level ({@code low} to {@code critical}, zeros included)
 */
public record CaseStats(int opened, int updated, Map<String, Integer> byLevel) {

    public CaseStats {
        byLevel = Collections.unmodifiableMap(new LinkedHashMap<>(byLevel));
    }
}
