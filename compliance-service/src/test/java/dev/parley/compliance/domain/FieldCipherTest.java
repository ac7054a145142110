package dev.parley.compliance.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes();
    private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes();

    @Test
    void rotatesKeysWhileOldCiphertextsStillDecrypt() {
        FieldCipher old = new FieldCipher("k1", Map.of("k1", K1));
        String underK1 = old.encrypt("tenant", "dob", "1962-03-14");
        FieldCipher ring = new FieldCipher("k2", Map.of("k1", K1, "k2", K2));
        assertThat(ring.decrypt("tenant", "dob", underK1)).isEqualTo("1962-03-14");
        String underK2 = ring.reencrypt("tenant", "dob", underK1);
        assertThat(underK2).startsWith("v1.k2.");
        assertThat(ring.decrypt("tenant", "dob", underK2)).isEqualTo("1962-03-14");
        assertThatThrownBy(() -> old.decrypt("tenant", "dob", underK2))
                .isInstanceOf(FieldCipher.UndecryptableException.class).hasMessageContaining("unknown key id k2");
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        FieldCipher cipher = new FieldCipher("k1", Map.of("k1", K1));
        assertThat(cipher.encrypt("t", "f", "same")).isNotEqualTo(cipher.encrypt("t", "f", "same"));
    }

    @Test
    void refusesBadKeysAndMalformedEnvelopes() {
        assertThatThrownBy(() -> new FieldCipher("k1", Map.of("k1", new byte[16]))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher("k3", Map.of("k1", K1))).hasMessageContaining("active kid");
        FieldCipher cipher = new FieldCipher("k1", Map.of("k1", K1));
        for (String bad : new String[] {"", "v2.k1.a.b", "v1.k1.!!.b", "v1.k1.AAAA.BBBB", "v1.k1"}) {
            assertThatThrownBy(() -> cipher.decrypt("t", "f", bad)).isInstanceOf(FieldCipher.UndecryptableException.class);
        }
    }
}
