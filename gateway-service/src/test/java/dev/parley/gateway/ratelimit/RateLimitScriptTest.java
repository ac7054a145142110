package dev.parley.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ratelimit.RateLimitConfig.FailMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The script's calling convention, without Redis; its behaviour is tested against Redis in RateLimiterTest. */
class RateLimitScriptTest {

    private static final GroupPolicy CHAT = new GroupPolicy("chat", FailMode.CLOSED, List.of(
            new LimitPolicy("hour", 1000, Duration.ofHours(1), 1000),
            new LimitPolicy("minute", 60, Duration.ofMinutes(1), 10)));

    @Test
    void limitsAreOrderedShortestPeriodFirst() {
        assertThat(CHAT.limits()).extracting(LimitPolicy::name).containsExactly("minute", "hour");
        assertThat(CHAT.policyHeader()).isEqualTo("\"minute\";q=60;w=60, \"hour\";q=1000;w=3600");
    }

    @Test
    void argumentsAreTheKeysInOneHashSlotThenIntervalAndToleranceOfEachLimit() {
        assertThat(RateLimitScript.arguments(CHAT, "t:ab:s:cd")).containsExactly("2",
                "parley:rl:{t:ab:s:cd}:chat:minute", "parley:rl:{t:ab:s:cd}:chat:hour",
                "1000000", "10000000", "3600000", "3600000000");
    }

    @Test
    void anAllowedRequestShowsTheLimitWithFewestRemaining() {
        // minute: 9 left, full in 1 s; hour: 999 left, full in 3.6 s
        Decision decision = RateLimitScript.decision(CHAT, new long[] {0, 0, 9, 1000, 999, 3600});
        assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.limitHit()).isNull();
        assertThat(decision.retryAfterSeconds()).isZero();
        assertThat(decision.rateLimitHeader()).isEqualTo("\"minute\";r=9;t=1");
        assertThat(decision.policyHeader()).isEqualTo(CHAT.policyHeader());

        Decision hourTighter = RateLimitScript.decision(CHAT, new long[] {0, 0, 9, 1000, 3, 3_596_400});
        assertThat(hourTighter.rateLimitHeader()).isEqualTo("\"hour\";r=3;t=3597");
    }

    @Test
    void onATieTheLimitFurthestFromResetIsShown() {
        Decision decision = RateLimitScript.decision(CHAT, new long[] {0, 0, 0, 10_000, 0, 3_600_000});
        assertThat(decision.rateLimitHeader()).isEqualTo("\"hour\";r=0;t=3600");
    }

    @Test
    void aDenialNamesTheLimitHitAndRoundsRetryAfterUp() {
        Decision decision = RateLimitScript.decision(CHAT, new long[] {2, 1_201, 4, 6_000, 0, 3_600_000});
        assertThat(decision.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.limitHit()).isEqualTo("hour");
        assertThat(decision.retryAfterSeconds()).isEqualTo(2);
        assertThat(decision.rateLimitHeader()).isEqualTo("\"hour\";r=0;t=3600");
    }

    @Test
    void theScriptIsNamedByTheSha1OfItsSource() {
        assertThat(new RateLimitScript("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
        assertThat(RateLimitScript.load().source()).contains("redis.call('TIME')");
    }
}
