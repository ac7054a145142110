package dev.parley.audit.domain;

import dev.parley.contracts.audit.AuditEvent;
import dev.parley.contracts.audit.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code hash = SHA-256(prev_hash || canonical JSON)}, hex; each tenant's chain starts from 64 zeros. */
public final class HashChain {

    /** The {@code prev_hash} of a tenant's first event. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {}

    public static String link(String prevHash, AuditEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(HexFormat.of().parseHex(prevHash));
            sha256.update(CanonicalJson.bytes(event));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
