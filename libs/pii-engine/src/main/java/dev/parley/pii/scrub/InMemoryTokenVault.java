package dev.parley.pii.scrub;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TokenVault} in a map, numbered like the real one (per tenant, conversation and type, the same value the same
 * placeholder). For tests and for embedding the engine where nothing outlives the process: it keeps the originals in
 * clear, without expiry, so it must never hold production data (compliance-service uses the encrypted Redis vault).
 */
public final class InMemoryTokenVault implements TokenVault {

    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private int calls;

    @Override
    public synchronized List<String> tokenize(String tenant, String conversation, List<Original> originals) {
        calls++;
        return originals.stream().map(original -> byValue.computeIfAbsent(
                tenant + "|" + conversation + "|" + original.type() + "|" + original.value(), key -> {
                    int n = counters.merge(tenant + "|" + conversation + "|" + original.type(), 1, Integer::sum);
                    String placeholder = Placeholders.of(original.type(), n);
                    byPlaceholder.put(tenant + "|" + conversation + "|" + placeholder, original.value());
                    return placeholder;
                })).toList();
    }

    @Override
    public synchronized Map<String, String> originals(String tenant, String conversation,
            Collection<String> placeholders) {
        Map<String, String> found = new HashMap<>();
        placeholders.forEach(p -> {
            String original = byPlaceholder.get(tenant + "|" + conversation + "|" + p);
            if (original != null) {
                found.put(p, original);
            }
        });
        return found;
    }

    /** {@code text} with this conversation's placeholders restored. */
    public String restore(String tenant, String conversation, String text) {
        return Placeholders.restore(text, originals(tenant, conversation, Placeholders.in(text)));
    }

    /** How many times {@link #tokenize} was called. */
    public synchronized int calls() {
        return calls;
    }

    /** How many distinct values are held. */
    public synchronized int size() {
        return byValue.size();
    }
}
