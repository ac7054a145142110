package dev.parley.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One upstream's breaker: {@code failures} failures in a row open it; open, it refuses at once; after
 * {@code openFor} one trial request passes (half-open), whose outcome closes or re-opens it. Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's states, as metrics and readiness show them. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Told of every state change. */
    public interface Listener {
        void changed(String upstream, State from, State to);
    }

    private final String upstream;
    private final int failures;
    private final long openNanos;
    private final LongSupplier clock;
    private final Listener listener;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(String upstream, int failures, Duration openFor, LongSupplier clock, Listener listener) {
        this.upstream = upstream;
        this.failures = failures;
        this.openNanos = openFor.toNanos();
        this.clock = clock;
        this.listener = listener;
    }

    /** Whether a request may go to the upstream now; a true in half-open state is the one trial. */
    public boolean tryAcquire() {
        State from;
        synchronized (this) {
            if (state == State.CLOSED) {
                return true;
            }
            if (state == State.OPEN && clock.getAsLong() - openedAt >= openNanos) {
                from = state;
                state = State.HALF_OPEN;
                trialInFlight = true;
            } else {
                return false;
            }
        }
        listener.changed(upstream, from, State.HALF_OPEN);
        return true;
    }

    /** The upstream answered. */
    public void onSuccess() {
        State from;
        synchronized (this) {
            consecutiveFailures = 0;
            if (state == State.CLOSED) {
                return;
            }
            from = state;
            state = State.CLOSED;
            trialInFlight = false;
        }
        listener.changed(upstream, from, State.CLOSED);
    }

    /** The upstream did not answer, timed out or answered 502-504. */
    public void onFailure() {
        State from;
        synchronized (this) {
            consecutiveFailures++;
            boolean trialFailed = state == State.HALF_OPEN;
            if (!(trialFailed || (state == State.CLOSED && consecutiveFailures >= failures))) {
                return;
            }
            from = state;
            state = State.OPEN;
            openedAt = clock.getAsLong();
            trialInFlight = false;
        }
        listener.changed(upstream, from, State.OPEN);
    }

    public synchronized State state() {
        return state;
    }

    public String upstream() {
        return upstream;
    }

    synchronized boolean trialInFlight() {
        return trialInFlight;
    }
}
