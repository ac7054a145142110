package dev.parley.agent.structured;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.parley.agent.domain.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses a model's answer into a record and checks it with Bean Validation.
 *
 * <p>The text is first read as it is (surrounding whitespace aside); if that is not one JSON object, it is repaired
 * in one linear pass ({@link Repair}: code fence, surrounding prose, trailing commas, control characters, truncation,
 * single quotes, unquoted keys, typographic quotes) and read again. Jackson ignores unknown properties; the value is
 * then validated. The result's {@link Validation}:
 *
 * <ul>
 *   <li>{@code valid}, confidence 1.0: parsed as it was and every constraint holds;
 *   <li>{@code repaired}, confidence 1.0 minus each repair's {@link Repair#penalty()} (at least 0.1): parsed after
 *       repair and every constraint holds;
 *   <li>{@code invalid}, confidence 0.0, value null: no object, not JSON even after repair, a value of the wrong type,
 *       or constraint violations; {@code errors} are {@code "field: message"} ({@code "keyFindings[2]: size must be
 *       between 0 and 300"}, {@code "$: ..."} for the whole text), sorted, at most {@value #MAX_ERRORS} plus a count.
 * </ul>
 *
 * Errors never quote the model's text. Input over {@value #MAX_INPUT_CHARS} characters is refused unread.
 */
@ApplicationScoped
public class StructuredOutputParser {

    public static final int MAX_INPUT_CHARS = 256 * 1024;
    static final int MAX_ERRORS = 20;
    private static final double MIN_REPAIRED_CONFIDENCE = 0.1;

    /** Strict JSON, nested at most {@link JsonRepair#MAX_DEPTH} levels whether or not it needed repair. */
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(JsonRepair.MAX_DEPTH).build()).build())
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Validator validator;

    public StructuredOutputParser(Validator validator) {
        this.validator = validator;
    }

    public <T> Parsed<T> parse(String modelText, Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (modelText == null || modelText.isBlank()) {
            return invalid(List.of("$: the answer is empty"), Set.of());
        }
        if (modelText.length() > MAX_INPUT_CHARS) {
            return invalid(List.of("$: the answer is longer than " + MAX_INPUT_CHARS + " characters"), Set.of());
        }
        String text = modelText.strip();
        Set<Repair> repairs = Set.of();
        JsonNode tree = readObject(text);
        if (tree == null) {
            JsonRepair.Result repaired = JsonRepair.repair(text);
            if (repaired.json() == null) {
                return invalid(List.of("$: " + repaired.failure()), repaired.repairs());
            }
            repairs = repaired.repairs();
            tree = readObject(repaired.json());
            if (tree == null) {
                return invalid(List.of("$: not valid JSON, even after repair"), repairs);
            }
        }
        T value;
        try {
            value = MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            return invalid(List.of(jsonPath(e) + ": expected " + describe(e)), repairs);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(List.of("$: does not match the expected shape"), repairs);
        }
        List<String> errors = violations(validator.validate(value));
        if (!errors.isEmpty()) {
            return invalid(errors, repairs);
        }
        if (repairs.isEmpty()) {
            return new Parsed<>(value, new Validation("valid", List.of(), 1.0), List.of());
        }
        return new Parsed<>(value, new Validation("repaired", List.of(), confidence(repairs)), List.copyOf(repairs));
    }

    /** 1.0 minus the repairs' penalties, two decimals, at least 0.1; 1.0 for none. */
    static double confidence(Set<Repair> repairs) {
        double confidence = 1.0;
        for (Repair repair : repairs) {
            confidence -= repair.penalty();
        }
        return Math.max(MIN_REPAIRED_CONFIDENCE, Math.round(confidence * 100) / 100.0);
    }

    /** The text as one JSON object, or null when it is not exactly that. */
    private static JsonNode readObject(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static <T> Parsed<T> invalid(List<String> errors, Set<Repair> repairs) {
        return new Parsed<>(null, new Validation("invalid", List.copyOf(errors), 0.0), List.copyOf(repairs));
    }

    private static <T> List<String> violations(Set<ConstraintViolation<T>> violations) {
        List<String> errors = violations.stream()
                .map(v -> propertyPath(v.getPropertyPath()) + ": " + v.getMessage())
                .distinct().sorted().toList();
        if (errors.size() <= MAX_ERRORS) {
            return errors;
        }
        List<String> capped = new ArrayList<>(errors.subList(0, MAX_ERRORS));
        capped.add("$: " + (errors.size() - MAX_ERRORS) + " more errors");
        return capped;
    }

    /** {@code keyFindings[2]}, {@code sections[0].body}, {@code metrics[total]}; {@code $} for the whole value. */
    static String propertyPath(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "$" : field.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "$" : field.toString();
    }

    private static String describe(JsonMappingException e) {
        Class<?> target = null;
        if (e instanceof MismatchedInputException mismatch) {
            target = mismatch.getTargetType();
        }
        if (target == null) {
            return "a value of another type";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "a date (YYYY-MM-DD)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        return "a value of another type";
    }
}
