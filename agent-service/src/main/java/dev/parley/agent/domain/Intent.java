package dev.parley.agent.domain;

/** What a chat message asks for (README: Intents). */
public enum Intent {
    /** A question about the workspace's data. */
    QUERY,
    /** A request to change something (a case's status, a comment, a reminder, a pipeline run). */
    ACTION,
    /** A request to go to a page of the application. */
    NAVIGATION,
    /** A request for a summary or report. */
    REPORT,
    /** Too short or vague to act on: the agent asks back. */
    CLARIFICATION,
    /** In page mode, a question about something other than the page's resource. */
    OUT_OF_SCOPE_PAGE
}
