package dev.parley.gateway.proxy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One upstream's breaker: {@code failures} failures in a row open it; open, it refuses at once; after
 * {@code openFor} one trial request passes (half-open), whose outcome closes or re-opens it. Each permit carries the
 * breaker's generation, so an answer to a request let through before the last change (a slow one finishing after
 * the breaker opened, or a non-trial request in half-open) cannot decide its state. A trial that never reports
 * (a lost callback) expires after {@code openFor} and the next request becomes the trial. Thread-safe.
 */
public final class CircuitBreaker {

    /** The breaker's states, as metrics and readiness show them. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** Returned by {@link #tryAcquire()} when the request must not go to the upstream. */
    public static final long REFUSED = -1;

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
    private long generation;
    private int consecutiveFailures;
    private long changedAt;

    public CircuitBreaker(String upstream, int failures, Duration openFor, LongSupplier clock, Listener listener) {
        this.upstream = upstream;
        this.failures = failures;
        this.openNanos = openFor.toNanos();
        this.clock = clock;
        this.listener = listener;
    }

    /** A permit (report it with {@link #onSuccess}/{@link #onFailure}), or {@link #REFUSED}. */
    public long tryAcquire() {
        State from;
        long permit;
        synchronized (this) {
            if (state == State.CLOSED) {
                return generation;
            }
            if (clock.getAsLong() - changedAt < openNanos) {
                return REFUSED; // open, or half-open with its trial still in flight
            }
            from = state;
            permit = change(State.HALF_OPEN);
        }
        listener.changed(upstream, from, State.HALF_OPEN);
        return permit;
    }

    /** The upstream answered the request of {@code permit}. */
    public void onSuccess(long permit) {
        State from;
        synchronized (this) {
            if (permit != generation) {
                return;
            }
            consecutiveFailures = 0;
            if (state == State.CLOSED) {
                return;
            }
            from = state;
            change(State.CLOSED);
        }
        listener.changed(upstream, from, State.CLOSED);
    }

    /** The request of {@code permit} got no answer, timed out or got 502-504. */
    public void onFailure(long permit) {
        State from;
        synchronized (this) {
            if (permit != generation) {
                return;
            }
            consecutiveFailures++;
            if (state == State.CLOSED && consecutiveFailures < failures) {
                return;
            }
            from = state;
            change(State.OPEN);
        }
        listener.changed(upstream, from, State.OPEN);
    }

    public synchronized State state() {
        return state;
    }

    public String upstream() {
        return upstream;
    }

    private long change(State to) {
        state = to;
        changedAt = clock.getAsLong();
        consecutiveFailures = 0;
        return ++generation;
    }
}
