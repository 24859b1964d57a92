package dev.berth.schema.validation;

import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;
import dev.berth.schema.source.SourcePosition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Finds list entries that repeat a key, reporting each repeat and the line of the first. */
final class Duplicates {
    private Duplicates() {
    }

    /**
     * @param pointer the pointer of the node to report for the entry at an index
     * @param message builds the message from the repeated key and the first occurrence's line
     */
    static <T> void report(List<T> items, Function<T, ?> key, IntFunction<String> pointer, SourceMap positions,
                           BiFunction<Object, Integer, String> message, Diagnostics out) {
        Map<Object, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object k = key.apply(items.get(i));
            if (k == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(k, i);
            if (earlier != null) {
                SourcePosition firstAt = positions.value(pointer.apply(earlier));
                out.error(positions.value(pointer.apply(i)), message.apply(k, firstAt.line()));
            }
        }
    }
}
