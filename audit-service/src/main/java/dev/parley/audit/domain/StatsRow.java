package dev.parley.audit.domain;

/** How many events of one service, action and outcome. */
public record StatsRow(String service, String action, String outcome, long count) {}
