package dev.parley.pii.scrub;

import dev.parley.pii.PiiType;
import java.util.Optional;

/**
 * Where tokenized originals are kept: per tenant and conversation, so a placeholder restores only there. The same
 * original in the same conversation always gets the same placeholder, so the model can refer to it consistently.
 */
public interface TokenVault {

    /** The placeholder for {@code original} (existing or new), such as {@code ⟦EMAIL_1⟧}. */
    String tokenize(String tenantHash, String conversationId, PiiType type, String original);

    /** The original behind {@code placeholder} in this tenant's conversation, if it is there. */
    Optional<String> original(String tenantHash, String conversationId, String placeholder);
}
