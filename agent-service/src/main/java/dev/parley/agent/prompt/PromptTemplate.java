package dev.parley.agent.prompt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code {{name}}} placeholders of a template: found in one scan, and replaced in one scan. A value is inserted
 * as it is and never scanned again, so a value that contains {@code {{...}}} cannot reach another placeholder.
 */
final class PromptTemplate {

    private PromptTemplate() {}

    /**
     * The placeholder names in order of first use.
     *
     * @throws PromptException for a {@code {{} without {@code }}} or a name that is not {@code [A-Za-z][A-Za-z0-9_]*}
     */
    static List<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                return List.copyOf(names);
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new PromptException("'{{' at offset " + open + " is never closed with '}}'");
            }
            String name = template.substring(open + 2, close).strip();
            if (!isName(name)) {
                throw new PromptException("placeholder '{{" + abbreviate(name) + "}}' at offset " + open
                        + " is not a name (letters, digits, '_', starting with a letter)");
            }
            names.add(name);
            from = close + 2;
        }
    }

    /** The template with every placeholder replaced; the caller has checked that {@code values} fit. */
    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                return out.append(template, from, template.length()).toString();
            }
            int close = template.indexOf("}}", open + 2);
            out.append(template, from, open).append(values.get(template.substring(open + 2, close).strip()));
            from = close + 2;
        }
    }

    /** Missing and unexpected names of a render call, as an error message; null when they fit. */
    static String mismatch(List<String> placeholders, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        for (String name : placeholders) {
            if (values.get(name) == null) {
                missing.add(name);
            }
        }
        List<String> unknown = values.keySet().stream().filter(name -> !placeholders.contains(name)).sorted().toList();
        if (missing.isEmpty() && unknown.isEmpty()) {
            return null;
        }
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append("no value for ").append(missing);
        }
        if (!unknown.isEmpty()) {
            message.append(message.isEmpty() ? "" : "; ").append("no placeholder for ").append(unknown);
        }
        return message.toString();
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.length() > 64 || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 127) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 127 || !(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
