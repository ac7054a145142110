package dev.parley.agent.prompt;

import java.time.LocalDate;

/** One line of a prompt file's changelog: the version it describes, when, and what changed. */
public record ChangelogEntry(String version, LocalDate date, String note) {}
