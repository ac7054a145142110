package dev.parley.agent.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WaitsTest {

    private final AtomicLong now = new AtomicLong();
    private final Waits waits = new Waits(now::get);

    @Test
    void callsInFlightTogetherCountOnceAndGapsNotAtAll() {
        AtomicReference<UniEmitter<? super String>> first = new AtomicReference<>();
        AtomicReference<UniEmitter<? super String>> second = new AtomicReference<>();
        waits.on(Uni.createFrom().<String>emitter(first::set)).subscribe().with(item -> { });
        now.addAndGet(10);
        waits.on(Uni.createFrom().<String>emitter(second::set)).subscribe().with(item -> { });
        now.addAndGet(30);
        first.get().complete("a");
        now.addAndGet(5);
        assertThat(waits.nanos()).as("one call still in flight").isEqualTo(45);
        second.get().fail(new IllegalStateException("down"));
        now.addAndGet(100); // the agent's own work: not waited
        assertThat(waits.nanos()).isEqualTo(45);

        AtomicReference<UniEmitter<? super String>> third = new AtomicReference<>();
        var cancellable = waits.on(Uni.createFrom().<String>emitter(third::set)).subscribe().with(item -> { });
        now.addAndGet(7);
        cancellable.cancel();
        assertThat(waits.nanos()).as("a cancelled call counts until it was cancelled").isEqualTo(52);
    }

    @Test
    void nothingWaitedIsZero() {
        now.set(1_000);
        assertThat(waits.nanos()).isZero();
        waits.on(Uni.createFrom().item("at once")).await().indefinitely();
        assertThat(waits.nanos()).isZero();
    }
}
