package dev.parley.agent.llm;

/**
 * A streamed answer ended without its proper end (no {@code finish_reason}): the connection dropped or closed
 * mid-answer. Retried only when none of its tokens was shown yet; the stream to the client ends with {@code error}.
 */
public final class LlmStreamBroken extends LlmUnavailable {

    LlmStreamBroken(String message, Throwable cause, boolean retryable) {
        super(Reason.STREAM_BROKEN, message, 0, retryable, cause);
    }
}
