package dev.parley.pii.scrub;

import dev.parley.pii.PiiType;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The {@code ⟦TYPE_N⟧} placeholder format, and a linear scanner for it. */
public final class Placeholders {

    public static final char OPEN = '\u27E6';
    public static final char CLOSE = '\u27E7';
    private static final int MAX_LENGTH = 40;

    private Placeholders() {}

    public static String of(PiiType type, long number) {
        return OPEN + type.name() + "_" + number + CLOSE;
    }

    /** Whether {@code text[start..end)} is a well-formed placeholder. */
    static boolean isPlaceholder(CharSequence text, int start, int end) {
        if (end - start < 4 || text.charAt(start) != OPEN || text.charAt(end - 1) != CLOSE) {
            return false;
        }
        int underscore = -1;
        for (int i = start + 1; i < end - 1; i++) {
            char c = text.charAt(i);
            if (c == '_') {
                underscore = i;
            } else if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        if (underscore < 0 || underscore == end - 2) {
            return false;
        }
        for (int i = underscore + 1; i < end - 1; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The distinct well-formed placeholders in {@code text}, in order of appearance. Linear time. */
    public static Set<String> in(String text) {
        Set<String> found = new LinkedHashSet<>();
        rewrite(text, placeholder -> {
            found.add(placeholder);
            return placeholder;
        });
        return found;
    }

    /** Replaces each placeholder in {@code text} that {@code originals} holds; leaves the others. Linear time. */
    public static String restore(String text, Map<String, String> originals) {
        return rewrite(text, placeholder -> originals.getOrDefault(placeholder, placeholder));
    }

    private static String rewrite(String text, UnaryOperator<String> replacement) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == OPEN) {
                int close = -1;
                for (int j = i + 1; j < text.length() && j - i <= MAX_LENGTH; j++) {
                    if (text.charAt(j) == CLOSE) {
                        close = j;
                        break;
                    }
                    if (text.charAt(j) == OPEN) {
                        break;
                    }
                }
                if (close > 0 && isPlaceholder(text, i, close + 1)) {
                    out.append(replacement.apply(text.substring(i, close + 1)));
                    i = close + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
