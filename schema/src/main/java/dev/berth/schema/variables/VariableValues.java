package dev.berth.schema.variables;

import dev.berth.schema.source.SourcePosition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The value of every declared variable, or its absence for a required one nobody supplied.
 * Tracks which variables were used so unused required ones can be reported at their declaration.
 */
public final class VariableValues {
    private final Map<String, Optional<String>> values;
    private final Map<String, SourcePosition> declaredAt;
    private final Set<String> used = new TreeSet<>();

    VariableValues(Map<String, Optional<String>> values, Map<String, SourcePosition> declaredAt) {
        this.values = Map.copyOf(values);
        this.declaredAt = Map.copyOf(declaredAt);
    }

    boolean declared(String name) {
        return values.containsKey(name);
    }

    Optional<String> value(String name) {
        used.add(name);
        return values.get(name);
    }

    Set<String> names() {
        return new TreeSet<>(values.keySet());
    }

    /** Declared variables that have no value and that no scalar used. */
    Map<String, SourcePosition> unusedMissing() {
        Map<String, SourcePosition> missing = new java.util.TreeMap<>();
        values.forEach((name, value) -> {
            if (value.isEmpty() && !used.contains(name)) {
                missing.put(name, declaredAt.get(name));
            }
        });
        return missing;
    }
}
