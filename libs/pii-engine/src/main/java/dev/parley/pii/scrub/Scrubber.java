package dev.parley.pii.scrub;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces findings in a text with each type's operator. Findings must not overlap (as
 * {@link dev.parley.pii.PiiDetector} returns them). The result reports what was replaced by type and span in the
 * original text, never the original values.
 */
public final class Scrubber {

    private final Operator defaultOperator;
    private final Map<PiiType, Operator> operators;
    private final byte[] hashKey;
    private final TokenVault vault;
    private final boolean zipToThreeDigits;

    /**
     * @param hashKey the tenant's HMAC key for {@link Operator#HASH} (32+ bytes)
     * @param vault where {@link Operator#TOKENIZE} keeps originals; may be null if tokenizing is never asked for
     * @param zipToThreeDigits Safe Harbor's rule at the strict level: a ZIP code keeps its first three digits
     */
    public Scrubber(Operator defaultOperator, Map<PiiType, Operator> operators, byte[] hashKey, TokenVault vault,
            boolean zipToThreeDigits) {
        this.defaultOperator = defaultOperator;
        this.operators = operators.isEmpty() ? Map.of() : new EnumMap<>(operators);
        this.hashKey = hashKey.clone();
        this.vault = vault;
        this.zipToThreeDigits = zipToThreeDigits;
    }

    /** One replacement: the type and span in the original text, and the placeholder when tokenized. */
    public record Replacement(PiiType type, int start, int end, String placeholder) {}

    /** The scrubbed text and what was replaced. */
    public record Result(String text, List<Replacement> replacements) {
        public Map<PiiType, Integer> countsByType() {
            Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
            replacements.forEach(r -> counts.merge(r.type(), 1, Integer::sum));
            return counts;
        }
    }

    /**
     * Scrubs with the vault given at construction for the values to tokenize.
     *
     * @param tenantHash the tenant whose vault applies
     * @param conversationId the conversation a tokenized value belongs to (required for TOKENIZE)
     */
    public Result scrub(String text, List<Finding> findings, String tenantHash, String conversationId) {
        List<TokenVault.Original> originals = toTokenize(text, findings);
        if (originals.isEmpty()) {
            return scrub(text, findings, Map.of());
        }
        if (vault == null || conversationId == null || conversationId.isBlank()) {
            throw new IllegalArgumentException("tokenizing needs a conversation id and a vault");
        }
        return scrub(text, findings, placeholders(originals, vault.tokenize(tenantHash, conversationId, originals)));
    }

    /**
     * Scrubs with placeholders the caller obtained itself (from an asynchronous vault) for {@link #toTokenize}'s
     * values; a value to tokenize without a placeholder is redacted.
     */
    public Result scrub(String text, List<Finding> findings, Map<TokenVault.Original, String> placeholders) {
        List<Finding> ordered = ordered(findings);
        StringBuilder out = new StringBuilder(text.length());
        List<Replacement> replacements = new ArrayList<>(ordered.size());
        int at = 0;
        for (Finding finding : ordered) {
            out.append(text, at, finding.start());
            String original = text.substring(finding.start(), finding.end());
            String placeholder = operator(finding) == Operator.TOKENIZE
                    ? placeholders.get(new TokenVault.Original(finding.type(), original)) : null;
            String replacement;
            if (placeholder != null) {
                replacement = placeholder;
            } else if (finding.type() == PiiType.ZIP && zipToThreeDigits) {
                replacement = threeDigitZip(original);
            } else {
                replacement = switch (operator(finding)) {
                    case REDACT, TOKENIZE -> "[" + finding.type().name() + "]";
                    case MASK -> mask(original);
                    case HASH -> "<" + finding.type().name() + ":" + hmac(finding.type(), original) + ">";
                };
            }
            out.append(replacement);
            replacements.add(new Replacement(finding.type(), finding.start(), finding.end(), placeholder));
            at = finding.end();
        }
        out.append(text, at, text.length());
        return new Result(out.toString(), List.copyOf(replacements));
    }

    /** The distinct values of {@code text} whose operator is tokenize, in order of appearance. */
    public List<TokenVault.Original> toTokenize(String text, List<Finding> findings) {
        Set<TokenVault.Original> originals = new LinkedHashSet<>();
        for (Finding finding : ordered(findings)) {
            if (operator(finding) == Operator.TOKENIZE) {
                originals.add(new TokenVault.Original(finding.type(), text.substring(finding.start(), finding.end())));
            }
        }
        return List.copyOf(originals);
    }

    /** Pairs {@code originals} with the vault's {@code placeholders} for them, given in the same order. */
    public static Map<TokenVault.Original, String> placeholders(List<TokenVault.Original> originals, List<String> placeholders) {
        Map<TokenVault.Original, String> byOriginal = new HashMap<>();
        for (int i = 0; i < originals.size(); i++) {
            byOriginal.put(originals.get(i), placeholders.get(i));
        }
        return byOriginal;
    }

    private static List<Finding> ordered(List<Finding> findings) {
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort(java.util.Comparator.comparingInt(Finding::start));
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).start() < ordered.get(i - 1).end()) {
                throw new IllegalArgumentException("findings overlap");
            }
        }
        return ordered;
    }

    private Operator operator(Finding finding) {
        return operators.getOrDefault(finding.type(), defaultOperator);
    }

    static String mask(String original) {
        int keep = 4;
        char[] chars = original.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isLetterOrDigit(chars[i])) {
                if (keep > 0) {
                    keep--;
                } else {
                    chars[i] = '*';
                }
            }
        }
        return new String(chars);
    }

    private static String threeDigitZip(String original) {
        StringBuilder out = new StringBuilder();
        int digits = 0;
        for (char c : original.toCharArray()) {
            if (Character.isDigit(c) && digits < 5) {
                out.append(digits < 3 ? c : 'X');
                digits++;
            }
        }
        return out.toString();
    }

    private String hmac(PiiType type, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            byte[] digest = mac.doFinal((type.name() + ":" + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
