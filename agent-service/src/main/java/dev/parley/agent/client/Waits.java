package dev.parley.agent.client;

import io.smallrye.mutiny.Uni;
import java.util.function.LongSupplier;

/**
 * The wall time one turn spent waiting on other services: the union of its calls' intervals, so that two calls in
 * flight together count once. What is left of the turn, less the model's time, is the agent's own work (the
 * {@code agent_turn_overhead_seconds} timer). Each attempt of a client method is timed: the pause before a retry
 * counts as the agent's own time. Thread-safe.
 */
public final class Waits {

    private final LongSupplier clock;
    private int inFlight;
    private long since;
    private long total;

    public Waits() {
        this(System::nanoTime);
    }

    Waits(LongSupplier clock) {
        this.clock = clock;
    }

    /** {@code call}, timed from its subscription to its end (item, failure or cancellation). */
    public <T> Uni<T> on(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            started();
            return call.onTermination().invoke(this::ended);
        });
    }

    private synchronized void started() {
        if (inFlight++ == 0) {
            since = clock.getAsLong();
        }
    }

    private synchronized void ended() {
        if (--inFlight == 0) {
            total += clock.getAsLong() - since;
        }
    }

    /** The time waited so far, calls still in flight included. */
    public synchronized long nanos() {
        return inFlight > 0 ? total + clock.getAsLong() - since : total;
    }
}
