package dev.berth.planner.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Why a plan does something, warns or refuses, as data: a stable code and its parameters (strings,
 * integers, lists of strings), so tools and tests match on {@code TASKS_UNPLACEABLE} with
 * {@code tasks: 1}, not on a sentence. The sentence a person reads is written from the code's
 * template by {@link #message()}.
 */
public record Reason(ReasonCode code, Map<String, Object> params) {
    public Reason {
        Map<String, Object> sorted = new TreeMap<>();
        // Canonical JSON leaves an empty map out, so a saved plan's reason without parameters reads back as null.
        Objects.requireNonNullElse(params, Map.<String, Object>of()).forEach((key, value) -> sorted.put(key, value instanceof List<?> list ? List.copyOf(list) : value));
        if (!sorted.keySet().containsAll(code.parameters())) {
            throw new IllegalArgumentException(code + " needs " + code.parameters() + ", got " + sorted.keySet());
        }
        params = Collections.unmodifiableMap(sorted);
    }

    /** {@code Reason.of(TASKS_UNPLACEABLE, "tasks", 1, "service", "web", "rejections", List.of(...))}. */
    public static Reason of(ReasonCode code, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name, value pairs");
        }
        Map<String, Object> params = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Reason(code, params);
    }

    /** The words for people, the same in every output format. */
    public String message() {
        return ReasonWords.write(code, params);
    }

    @Override
    public String toString() {
        return code + ": " + message();
    }
}
