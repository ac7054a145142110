package dev.parley.pipeline.service;

/**
 * One issue of one claim. {@code detail} names fields, codes and numbers only: never a member's name or date of birth,
 * never the text of a value that failed its format.
 *
 * @param claimKind {@code medical} or {@code pharmacy}
 * @param issueType {@code missing_field}, {@code invalid_value}, {@code unknown_provider} (errors), {@code duplicate},
 *                  {@code outlier}, {@code unknown_member} (warnings)
 * @param severity  {@code error} or {@code warning}
 */
public record QualityIssue(String claimId, String claimKind, String issueType, String severity, String detail) {}
