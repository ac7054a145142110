package dev.parley.pipeline.service;

import java.util.List;
import java.util.Map;

/** STUB until the quality gate lands (helper-rules). */
public record QualityReport(long total, long passed, long failed, Map<String, Long> issueCounts, List<QualityIssue> issues) {}
