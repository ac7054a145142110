package dev.parley.agent.prompt;

/**
 * A prompt file that cannot be used (at start-up), a weight configuration that does not fit the prompts, or a render
 * call with an unknown prompt or the wrong values. The message names the file, property or placeholder; it never
 * carries a rendered value.
 */
public class PromptException extends RuntimeException {

    public PromptException(String message) {
        super(message);
    }
}
