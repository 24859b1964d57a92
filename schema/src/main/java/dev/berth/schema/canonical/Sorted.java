package dev.berth.schema.canonical;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Sorted copies of model collections; the model keeps insertion order, so a sorted copy stays sorted. */
final class Sorted {

    private Sorted() {
    }

    /** A stable sort: elements equal under {@code order} keep their declared order. */
    static <T> List<T> list(List<T> list, Comparator<? super T> order) {
        return list.stream().sorted(order).toList();
    }

    static <T> List<T> list(List<T> list, Function<T, T> canonicalize, Comparator<? super T> order) {
        return list.stream().map(canonicalize).sorted(order).toList();
    }

    static <V> Map<String, V> map(Map<String, V> map) {
        return map(map, Function.identity());
    }

    static <V> Map<String, V> map(Map<String, V> map, Function<V, V> canonicalizeValue) {
        return map(map, (key, value) -> canonicalizeValue.apply(value));
    }

    /** For values whose canonical form depends on their name. */
    static <V> Map<String, V> map(Map<String, V> map, BiFunction<String, V, V> canonicalizeValue) {
        Map<String, V> sorted = new LinkedHashMap<>();
        new TreeMap<>(map).forEach((key, value) ->
                sorted.put(key, value == null ? null : canonicalizeValue.apply(key, value)));
        return sorted;
    }

    /** Orders by a key that may be null in a not-yet-validated stack. */
    static <T, K extends Comparable<? super K>> Comparator<T> by(Function<T, K> key) {
        return Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
