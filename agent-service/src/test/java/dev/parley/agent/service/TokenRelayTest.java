package dev.parley.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenRelayTest {

    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void plainTokensGoOutAsTheyComeNotWhenTheAnswerEnds() {
        TokenRelay relay = new TokenRelay(p -> Uni.createFrom().item("never"), out::add);
        relay.accept("Hello ");
        relay.accept("world");
        assertThat(out).containsExactly("Hello ", "world");
        relay.flush().await().atMost(Duration.ofSeconds(1));
        assertThat(out).containsExactly("Hello ", "world");
    }

    @Test
    void aSplitPlaceholderIsHeldThenRestoredInOrderEvenWhenRestoringIsSlow() {
        TokenRelay relay = new TokenRelay(p -> Uni.createFrom().item(p.equals("\u27E6EMAIL_1\u27E7") ? "a@b.org" : p)
                .onItem().delayIt().by(Duration.ofMillis(100)), out::add);
        relay.accept("Mail ");
        relay.accept("\u27E6EMA");
        assertThat(out).containsExactly("Mail ");
        relay.accept("IL_1\u27E7 now");
        relay.flush().await().atMost(Duration.ofSeconds(2));
        assertThat(String.join("", out)).isEqualTo("Mail a@b.org now");
        assertThat(out).containsExactly("Mail ", "a@b.org", " now");
    }

    @Test
    void anUnclosedBracketIsPassedOnAtTheEnd() {
        TokenRelay relay = new TokenRelay(p -> Uni.createFrom().item("x"), out::add);
        relay.accept("a \u27E6 b");
        relay.flush().await().atMost(Duration.ofSeconds(1));
        assertThat(String.join("", out)).isEqualTo("a \u27E6 b");
    }
}
