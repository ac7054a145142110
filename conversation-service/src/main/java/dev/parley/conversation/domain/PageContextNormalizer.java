package dev.parley.conversation.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.contracts.problem.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a page context as the browser sent it ({@code {resourceType, resourceId, pageKey, facts, contextVersion?,
 * allowedActions?}}) into a {@link PageContext}, or lists every field that is wrong. Identifiers are checked, not
 * repaired; facts are repaired where that is safe (sorted, cut, rounded) and refused where it is not (nested values,
 * overlong keys).
 */
public final class PageContextNormalizer {

    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern PAGE_KEY = Pattern.compile("[A-Za-z0-9._:/#?=&-]{1,256}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_ACTIONS = 20;

    private final int maxFacts;
    private final int maxKeyChars;
    private final int maxValueChars;
    private final int numberScale;

    public PageContextNormalizer(int maxFacts, int maxKeyChars, int maxValueChars, int numberScale) {
        this.maxFacts = maxFacts;
        this.maxKeyChars = maxKeyChars;
        this.maxValueChars = maxValueChars;
        this.numberScale = numberScale;
    }

    /** Thrown with every field error found. */
    public static final class InvalidPageContextException extends RuntimeException {
        private final List<Problem.FieldError> errors;

        InvalidPageContextException(List<Problem.FieldError> errors) {
            super(errors.size() + " page context fields are invalid", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<Problem.FieldError> errors() {
            return errors;
        }
    }

    /**
     * @param field the request field the context came in, for error paths (e.g. {@code pageContext})
     * @param pageMode whether the conversation is page-scoped, which makes {@code pageKey} required
     */
    public PageContext normalize(JsonNode context, String field, boolean pageMode) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (context == null || !context.isObject()) {
            throw new InvalidPageContextException(List.of(new Problem.FieldError(field, "must be an object")));
        }
        String resourceType = identifier(context, "resourceType", RESOURCE, true, field, errors);
        String resourceId = identifier(context, "resourceId", RESOURCE, true, field, errors);
        String pageKey = identifier(context, "pageKey", PAGE_KEY, pageMode, field, errors);
        String version = identifier(context, "contextVersion", VERSION, false, field, errors);
        List<String> actions = actions(context.get("allowedActions"), field + ".allowedActions", errors);
        SortedMap<String, Object> facts = new TreeMap<>();
        JsonNode rawFacts = context.get("facts");
        if (rawFacts != null && !rawFacts.isNull() && !rawFacts.isObject()) {
            errors.add(new Problem.FieldError(field + ".facts", "must be an object of strings, numbers or booleans"));
        } else if (rawFacts != null && rawFacts.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = rawFacts.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> fact = fields.next();
                Object value = factValue(fact.getKey(), fact.getValue(), field + ".facts", errors);
                if (value != null) {
                    facts.put(fact.getKey(), value);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidPageContextException(errors);
        }
        int dropped = Math.max(0, facts.size() - maxFacts);
        while (facts.size() > maxFacts) {
            facts.remove(facts.lastKey());
        }
        return new PageContext(resourceType, resourceId, pageKey, facts, version, actions, dropped);
    }

    private static String identifier(JsonNode context, String name, Pattern pattern, boolean required, String field,
            List<Problem.FieldError> errors) {
        JsonNode value = context.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new Problem.FieldError(field + "." + name, "is required"));
            }
            return null;
        }
        if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            errors.add(new Problem.FieldError(field + "." + name, "must match " + pattern.pattern()));
            return null;
        }
        return value.asText();
    }

    private static List<String> actions(JsonNode node, String field, List<Problem.FieldError> errors) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        TreeSet<String> actions = new TreeSet<>();
        if (!node.isArray() || node.size() > MAX_ACTIONS) {
            errors.add(new Problem.FieldError(field, "must be a list of at most " + MAX_ACTIONS + " action names"));
            return List.of();
        }
        for (JsonNode action : node) {
            if (!action.isTextual() || !VERSION.matcher(action.asText()).matches()) {
                errors.add(new Problem.FieldError(field, "must hold action names matching " + VERSION.pattern()));
                return List.of();
            }
            actions.add(action.asText());
        }
        return List.copyOf(actions);
    }

    private Object factValue(String key, JsonNode value, String field, List<Problem.FieldError> errors) {
        if (key.isEmpty() || key.length() > maxKeyChars || key.chars().anyMatch(Character::isISOControl)) {
            errors.add(new Problem.FieldError(field, "keys must be 1-" + maxKeyChars + " characters without control characters"));
            return null;
        }
        if (value.isTextual()) {
            return cut(value.asText());
        }
        if (value.isNumber()) {
            return value.decimalValue().setScale(numberScale, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNull()) {
            return null;
        }
        errors.add(new Problem.FieldError(field + "." + key, "must be a string, number or boolean"));
        return null;
    }

    /** Trimmed, control characters as spaces, at most {@code maxValueChars} code points. */
    private String cut(String raw) {
        String text = raw.strip();
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxValueChars));
        int count = 0;
        for (int i = 0; i < text.length() && count < maxValueChars; ) {
            int codePoint = text.codePointAt(i);
            out.appendCodePoint(Character.isISOControl(codePoint) ? ' ' : codePoint);
            i += Character.charCount(codePoint);
            count++;
        }
        return out.toString().strip();
    }

    /** {@code BigDecimal} as plain text, for summaries. */
    public static String text(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
    }
}
