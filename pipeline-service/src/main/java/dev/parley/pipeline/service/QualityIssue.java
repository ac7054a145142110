package dev.parley.pipeline.service;

/** STUB until the quality gate lands (helper-rules). */
public record QualityIssue(String claimId, String claimKind, String issueType, String severity, String detail) {}
