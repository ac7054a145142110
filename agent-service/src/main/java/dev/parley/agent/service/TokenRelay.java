package dev.parley.agent.service;

import io.smallrye.mutiny.Uni;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams the model's tokens to the user in order, with this conversation's placeholders restored on the way: text
 * is passed on as it comes, except from a {@code ⟦} to its {@code ⟧}, which is held back until the placeholder is
 * restored (one detokenize call). A {@code ⟦} that no {@code ⟧} closes within {@link #LONGEST} characters is not a
 * placeholder and is passed on as it is. Emissions are chained, so the order never changes.
 */
final class TokenRelay {

    static final int LONGEST = 48;

    private final Function<String, Uni<String>> restore;
    private final Consumer<String> sink;
    private final StringBuilder held = new StringBuilder();
    private Uni<Void> chain = Uni.createFrom().voidItem();

    TokenRelay(Function<String, Uni<String>> restore, Consumer<String> sink) {
        this.restore = restore;
        this.sink = sink;
    }

    synchronized void accept(String token) {
        held.append(token);
        drain(false);
    }

    /** Passes on what is held (the answer ended); completes when everything was emitted. */
    synchronized Uni<Void> flush() {
        drain(true);
        return chain;
    }

    private void drain(boolean end) {
        while (held.length() > 0) {
            int open = held.indexOf("\u27E6");
            if (open < 0) {
                emit(held.toString());
                held.setLength(0);
                return;
            }
            if (open > 0) {
                emit(held.substring(0, open));
                held.delete(0, open);
            }
            int close = held.indexOf("\u27E7");
            if (close < 0) {
                if (end || held.length() > LONGEST) {
                    emit(held.substring(0, 1));
                    held.delete(0, 1);
                    continue;
                }
                return;
            }
            String placeholder = held.substring(0, close + 1);
            held.delete(0, close + 1);
            Uni<String> restored = restore.apply(placeholder).onFailure().recoverWithItem(placeholder);
            then(() -> restored.invoke(sink).replaceWithVoid());
        }
    }

    private void emit(String text) {
        if (!text.isEmpty()) {
            then(() -> Uni.createFrom().item(text).invoke(sink).replaceWithVoid());
        }
    }

    /** Appends a step and starts it now (a Uni is lazy): tokens go out as they come, not when the answer ends. */
    private void then(java.util.function.Supplier<Uni<? extends Void>> step) {
        chain = chain.<Void>chain(step).memoize().indefinitely();
        chain.subscribe().with(done -> { }, failure -> { });
    }
}
