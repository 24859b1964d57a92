package dev.berth.schema.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions of the nodes of a loaded stack, addressed by JSON Pointer ({@code /services/web/cluster},
 * {@code /taskDefinitions/web/containerDefinitions/0/image}). A diagnostic about a value points at
 * the value; one about a name (a map key) points at the key.
 */
public final class SourceMap {
    private final Map<String, SourcePosition> values = new HashMap<>();
    private final Map<String, SourcePosition> keys = new HashMap<>();
    private final Map<String, SourcePosition> scalarContents = new HashMap<>();
    /** Scalars whose text came from variables: the schema, not YAML, decides their type. */
    private final java.util.Set<String> interpolated = new java.util.HashSet<>();

    public void putValue(String pointer, SourcePosition position) {
        values.put(pointer, position);
    }

    public void putKey(String pointer, SourcePosition position) {
        keys.put(pointer, position);
    }

    /** Records where a scalar's text starts: after its opening quote, if any. */
    public void putScalarContent(String pointer, SourcePosition position) {
        scalarContents.put(pointer, position);
    }

    /**
     * Where the text of the scalar at {@code pointer} starts, so a diagnostic can point into it
     * (add the offset to the column); the value's position when the scalar spans lines.
     */
    public SourcePosition scalarContent(String pointer) {
        SourcePosition found = scalarContents.get(pointer);
        return found != null ? found : value(pointer);
    }

    /** The value at {@code pointer}, or the nearest enclosing node that has a position. */
    public SourcePosition value(String pointer) {
        for (String p = pointer; ; p = parent(p)) {
            SourcePosition found = values.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                throw new IllegalStateException("no position recorded for the document root");
            }
        }
    }

    /** The key naming the node at {@code pointer}; falls back to its value's position. */
    public SourcePosition key(String pointer) {
        SourcePosition found = keys.get(pointer);
        return found != null ? found : value(pointer);
    }

    public void markInterpolated(String pointer) {
        interpolated.add(pointer);
    }

    public boolean interpolated(String pointer) {
        return interpolated.contains(pointer);
    }

    /** Copies every position of {@code other} into this map. */
    public void putAll(SourceMap other) {
        values.putAll(other.values);
        keys.putAll(other.keys);
        scalarContents.putAll(other.scalarContents);
        interpolated.addAll(other.interpolated);
    }

    /** Copies the positions of {@code other} at {@code pointer} and below it. */
    public void putAllUnder(SourceMap other, String pointer) {
        copyUnder(other.values, values, pointer);
        copyUnder(other.keys, keys, pointer);
        copyUnder(other.scalarContents, scalarContents, pointer);
        other.interpolated.stream().filter(p -> p.equals(pointer) || p.startsWith(pointer + "/"))
                .forEach(interpolated::add);
    }

    /** Re-addresses every position below {@code from} to the same place below {@code to}. */
    public void moveUnder(String from, String to) {
        moveUnder(values, from, to);
        moveUnder(keys, from, to);
        moveUnder(scalarContents, from, to);
        List<String> moved = interpolated.stream().filter(p -> p.startsWith(from + "/")).toList();
        moved.forEach(interpolated::remove);
        moved.forEach(p -> interpolated.add(to + p.substring(from.length())));
    }

    private static void moveUnder(Map<String, SourcePosition> map, String from, String to) {
        List<String> moved = map.keySet().stream().filter(p -> p.startsWith(from + "/")).toList();
        for (String pointer : moved) {
            map.put(to + pointer.substring(from.length()), map.remove(pointer));
        }
    }

    private static void copyUnder(Map<String, SourcePosition> from, Map<String, SourcePosition> to, String pointer) {
        from.forEach((p, position) -> {
            if (p.equals(pointer) || p.startsWith(pointer + "/")) {
                to.put(p, position);
            }
        });
    }

    public boolean isEmpty() {
        return values.isEmpty() && keys.isEmpty();
    }

    /** Builds a pointer from segments, escaping {@code ~} and {@code /} as RFC 6901 says. */
    public static String pointer(Object... segments) {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            out.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    /** Appends segments to an existing pointer. */
    public static String child(String pointer, Object... segments) {
        return pointer + pointer(segments);
    }

    static String parent(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** Every pointer that has a value position; for tests and tools. */
    public List<String> pointers() {
        return values.keySet().stream().sorted().toList();
    }
}
