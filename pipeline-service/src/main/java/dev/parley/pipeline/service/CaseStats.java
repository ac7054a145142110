package dev.parley.pipeline.service;

import java.util.Map;

/** STUB until risk scoring lands (helper-rules). */
public record CaseStats(int opened, int updated, Map<String, Integer> byLevel) {}
