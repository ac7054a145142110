package dev.parley.contracts.audit;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code details} of an audit event: numbers, booleans, enum constants, ids and short codes, never free text.
 *
 * <p>The type is the guard: there is no way to put an arbitrary string in. {@link #count}, {@link #flag},
 * {@link #kind} and {@link #id(String, UUID)} take values that cannot carry prose; {@link #code} accepts only
 * {@code [A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}} (case ids, rule ids, versions, model names), which excludes spaces,
 * {@code @} and anything longer than 64 characters. Keys are lower camel case identifiers.
 */
public final class AuditDetails {

    /** Keys: an identifier of at most 40 characters. */
    public static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

    /** Short codes and ids: no whitespace, no {@code @}, at most 64 characters. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}");

    /** At most this many entries, so details stay a summary. */
    public static final int MAX_ENTRIES = 32;

    private static final AuditDetails EMPTY = new AuditDetails(new TreeMap<>());

    private final Map<String, Object> values;

    private AuditDetails(TreeMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static AuditDetails none() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The entries in key order: values are {@code Long}, {@code Double}, {@code Boolean} or a code {@code String}. */
    @JsonValue
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Reads details received from elsewhere (an event on the wire), applying the same rules as the builder.
     *
     * @throws IllegalArgumentException naming the first key whose value is not allowed
     */
    @JsonCreator
    public static AuditDetails of(Map<String, Object> received) {
        if (received == null || received.isEmpty()) {
            return EMPTY;
        }
        Builder builder = builder();
        received.forEach((key, value) -> {
            switch (value) {
                case Boolean b -> builder.flag(key, b);
                case Integer i -> builder.count(key, i);
                case Long l -> builder.count(key, l);
                case Double d -> builder.measure(key, d);
                case Float f -> builder.measure(key, f);
                case java.math.BigDecimal d -> builder.measure(key, d.doubleValue());
                case java.math.BigInteger i -> builder.count(key, i.longValueExact());
                case String s -> builder.code(key, s);
                case null -> throw new IllegalArgumentException("details." + key + " is null");
                default -> throw new IllegalArgumentException(
                        "details." + key + " is a " + value.getClass().getSimpleName() + ", not a number, flag or code");
            }
        });
        return builder.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditDetails that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** Collects entries; every method checks its key and value. */
    public static final class Builder {

        private final TreeMap<String, Object> values = new TreeMap<>();

        private Builder() {}

        /** A count or other whole number. */
        public Builder count(String key, long value) {
            return put(key, value);
        }

        /** A measured number (a score, a duration in seconds). */
        public Builder measure(String key, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("details." + key + " must be finite");
            }
            return put(key, value);
        }

        public Builder flag(String key, boolean value) {
            return put(key, value);
        }

        /** An enum constant, recorded by name. */
        public Builder kind(String key, Enum<?> value) {
            return put(key, value.name());
        }

        public Builder id(String key, UUID value) {
            return put(key, value.toString());
        }

        /** A short code or id such as {@code CASE-000123}, {@code RULE-MED-001}, {@code v3}, {@code gpt-4o-mini}. */
        public Builder code(String key, String value) {
            if (value == null || !CODE.matcher(value).matches()) {
                throw new IllegalArgumentException("details." + key + " is not a short code");
            }
            return put(key, value);
        }

        public AuditDetails build() {
            return values.isEmpty() ? EMPTY : new AuditDetails(new TreeMap<>(values));
        }

        private Builder put(String key, Object value) {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("details key '" + key + "' is not an identifier");
            }
            if (!values.containsKey(key) && values.size() == MAX_ENTRIES) {
                throw new IllegalArgumentException("details hold at most " + MAX_ENTRIES + " entries");
            }
            values.put(key, value);
            return this;
        }
    }
}
