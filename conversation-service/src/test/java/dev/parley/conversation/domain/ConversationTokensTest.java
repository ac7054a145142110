package dev.parley.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.conversation.domain.ConversationTokens.InvalidTokenException;
import dev.parley.conversation.domain.ConversationTokens.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConversationTokensTest {

    private static final byte[] K1 = "k1-0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] K2 = "k2-fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final UUID CID = UUID.fromString("0190b1c2-0000-7000-8000-000000000001");
    private static final String TH = "a".repeat(64);
    private static final String SUB = "b".repeat(64);

    private final ConversationTokens tokens = new ConversationTokens(Map.of("k1", K1, "k2", K2), "k1", Duration.ofHours(24));

    @Test
    void issuedTokensVerifyAndFollowTheContractFormat() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("v1");
        assertThat(parts[1]).isEqualTo("k1");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8))
                .contains("\"cid\":\"" + CID + "\"", "\"th\":\"" + TH + "\"", "\"sub\":\"" + SUB + "\"",
                        "\"iat\":" + NOW.getEpochSecond(), "\"exp\":" + (NOW.getEpochSecond() + 86_400));

        ConversationTokens.Claims claims = tokens.verify(token, NOW.plusSeconds(60));
        assertThat(claims).isEqualTo(new ConversationTokens.Claims(CID, TH, SUB, NOW.getEpochSecond(),
                NOW.getEpochSecond() + 86_400));
    }

    @Test
    void aTamperedPayloadFailsTheSignature() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        String[] parts = token.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8)
                        .replace(SUB, "c".repeat(64)).getBytes(StandardCharsets.UTF_8));
        assertRejected(parts[0] + "." + parts[1] + "." + otherPayload + "." + parts[3], Rejection.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureFails() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        char last = token.charAt(token.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertRejected(flipped, Rejection.BAD_SIGNATURE);
    }

    @Test
    void aSwappedKidFailsAndAnUnknownKidIsNamed() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        assertRejected(token.replaceFirst("^v1\\.k1\\.", "v1.k2."), Rejection.BAD_SIGNATURE);
        assertRejected(token.replaceFirst("^v1\\.k1\\.", "v1.k9."), Rejection.UNKNOWN_KID);
    }

    @Test
    void expiredTokensAreRefusedAtTheirExpiry() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        assertThat(tokens.verify(token, NOW.plus(Duration.ofHours(24)).minusSeconds(1)).cid()).isEqualTo(CID);
        assertRejected(token, NOW.plus(Duration.ofHours(24)), Rejection.EXPIRED);
    }

    @Test
    void tokensOfARetiredActiveKeyStillVerifyAfterRotation() {
        String old = tokens.issue(CID, TH, SUB, NOW);
        ConversationTokens rotated = new ConversationTokens(Map.of("k1", K1, "k2", K2), "k2", Duration.ofHours(24));
        assertThat(rotated.issue(CID, TH, SUB, NOW)).startsWith("v1.k2.");
        assertThat(rotated.verify(old, NOW).cid()).isEqualTo(CID);
        ConversationTokens dropped = new ConversationTokens(Map.of("k2", K2), "k2", Duration.ofHours(24));
        assertThatThrownBy(() -> dropped.verify(old, NOW)).isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(Rejection.UNKNOWN_KID);
    }

    @Test
    void malformedTokensAreRefusedWithoutReadingThem() {
        String token = tokens.issue(CID, TH, SUB, NOW);
        for (String bad : new String[] {"", "v1", "v1.k1.x", token + ".extra", "v2" + token.substring(2),
                token.replace('.', ' '), token + "\u00e9", "x".repeat(2000), "v1.k1.!!!!.AAAA"}) {
            assertRejected(bad, Rejection.MALFORMED);
        }
        assertRejected(null, Rejection.MALFORMED);
        String signedGarbage = signedWith("k1", K1, "bm90LWpzb24");
        assertRejected(signedGarbage, Rejection.MALFORMED);
    }

    @Test
    void keysMustBeLongEnoughAndTheActiveOneConfigured() {
        assertThatThrownBy(() -> new ConversationTokens(Map.of("k1", new byte[16]), "k1", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new ConversationTokens(Map.of("k1", K1), "k2", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k2");
    }

    private static String signedWith(String kid, byte[] key, String payload) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            String signed = "v1." + kid + "." + payload;
            return signed + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRejected(String token, Rejection reason) {
        assertRejected(token, NOW, reason);
    }

    private void assertRejected(String token, Instant at, Rejection reason) {
        assertThatThrownBy(() -> tokens.verify(token, at)).as(String.valueOf(token))
                .isInstanceOf(InvalidTokenException.class)
                .extracting(e -> ((InvalidTokenException) e).reason()).isEqualTo(reason);
    }
}
