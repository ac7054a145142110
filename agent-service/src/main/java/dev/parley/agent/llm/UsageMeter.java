package dev.parley.agent.llm;

import dev.parley.agent.domain.Usage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Adds up the tokens and the wall time of model calls as each one ends, including one that was cancelled or broke
 * off (its tokens then estimated from what was sent and received so far). The turn's owner creates one, passes it to {@link LlmAgent#run} and reads
 * {@link #total()} afterwards, also when the client went away and the run was cancelled. Thread-safe.
 */
public final class UsageMeter {

    private final AtomicReference<Usage> total = new AtomicReference<>(Usage.NONE);
    private final AtomicLong modelNanos = new AtomicLong();
    private final UsageMeter parent;

    public UsageMeter() {
        this(null);
    }

    private UsageMeter(UsageMeter parent) {
        this.parent = parent;
    }

    /** A meter that also adds everything to this one. */
    UsageMeter child() {
        return new UsageMeter(this);
    }

    void add(Usage usage) {
        total.accumulateAndGet(usage, Usage::plus);
        if (parent != null) {
            parent.add(usage);
        }
    }

    void modelTime(long nanos) {
        modelNanos.addAndGet(nanos);
        if (parent != null) {
            parent.modelTime(nanos);
        }
    }

    /** The wall time of the model calls that ended (each from its start to its last chunk or failure). */
    public long modelNanos() {
        return modelNanos.get();
    }

    /** The tokens so far; {@link Usage#NONE} when no model call ended yet. */
    public Usage total() {
        return total.get();
    }
}
