package dev.parley.agent.llm;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One guarded model call across its attempts: lets a cancel reach the attempt in flight. SmallRye Fault Tolerance
 * subscribes to the guarded {@code Uni} itself and drops the subscription, so cancelling the {@code Uni} it returns
 * never reaches the HTTP call; {@link LlmClient} cancels this scope instead, which aborts the attempt in flight (the
 * client closes its connection) and makes any later attempt fail at once. Also remembers whether a token was shown,
 * after which nothing is retried.
 */
final class CallScope {

    private static final Runnable CANCELLED = () -> {};

    private final AtomicReference<Runnable> attempt = new AtomicReference<>();
    private volatile boolean tokenShown;

    void cancel() {
        Runnable current = attempt.getAndSet(CANCELLED);
        if (current != null && current != CANCELLED) {
            current.run();
        }
    }

    boolean cancelled() {
        return attempt.get() == CANCELLED;
    }

    /** Makes {@code cancel} the action a cancel of this scope runs; runs it at once when already cancelled. */
    void attach(Runnable cancel) {
        Runnable previous;
        do {
            previous = attempt.get();
            if (previous == CANCELLED) {
                cancel.run();
                return;
            }
        } while (!attempt.compareAndSet(previous, cancel));
    }

    void detach(Runnable cancel) {
        attempt.compareAndSet(cancel, null);
    }

    void tokenShown() {
        tokenShown = true;
    }

    boolean wasTokenShown() {
        return tokenShown;
    }
}
