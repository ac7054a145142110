package dev.parley.pii.scrub;

import dev.parley.pii.PiiType;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where tokenized originals are kept: per tenant and conversation, so a placeholder restores only there. The same
 * original in the same conversation always gets the same placeholder, so the model can refer to it consistently.
 * Both calls take all the values of one text at once, so a remote vault can serve a text in a fixed number of
 * round trips however many findings it has.
 */
public interface TokenVault {

    /** A value to tokenize, and its type (placeholders are numbered per type). */
    record Original(PiiType type, String value) {}

    /** The placeholder of each original (existing or new), such as {@code ⟦EMAIL_1⟧}, in the same order. */
    List<String> tokenize(String tenantHash, String conversationId, List<Original> originals);

    /** The originals behind those {@code placeholders} this tenant's conversation knows; unknown ones are absent. */
    Map<String, String> originals(String tenantHash, String conversationId, Collection<String> placeholders);
}
