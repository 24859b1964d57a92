package dev.berth.planner.plan;

import java.util.List;

/** Defensive copies for plan record components. Null reads as empty: canonical JSON leaves empty lists out. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
