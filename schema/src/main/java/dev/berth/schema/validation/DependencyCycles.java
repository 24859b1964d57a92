package dev.berth.schema.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The cycles of a dependency graph whose nodes are numbered in declaration order, each found once,
 * so that containers of a task and services of a stack report a cycle the same way. Self-edges are
 * left to the reference checks, which report them with their own message.
 */
final class DependencyCycles {
    private final IntFunction<List<Integer>> dependencies;
    private final Set<Integer> finished = new HashSet<>();
    private final List<Integer> path = new ArrayList<>();
    private final Set<Set<Integer>> seen = new HashSet<>();
    private final List<List<Integer>> cycles = new ArrayList<>();

    private DependencyCycles(IntFunction<List<Integer>> dependencies) {
        this.dependencies = dependencies;
    }

    /**
     * Each cycle starts and ends at its first declared node: {@code [1, 3, 1]} for 1 -> 3 -> 1.
     *
     * @param dependencies the nodes a node depends on; null entries (unknown names) are skipped
     */
    static List<List<Integer>> of(int nodes, IntFunction<List<Integer>> dependencies) {
        DependencyCycles graph = new DependencyCycles(dependencies);
        for (int node = 0; node < nodes; node++) {
            graph.visit(node);
        }
        return graph.cycles;
    }

    private void visit(int node) {
        if (finished.contains(node)) {
            return;
        }
        int onPath = path.indexOf(node);
        if (onPath >= 0) {
            record(path.subList(onPath, path.size()));
            return;
        }
        path.add(node);
        for (Integer target : dependencies.apply(node)) {
            if (target != null && target != node) {
                visit(target);
            }
        }
        path.removeLast();
        finished.add(node);
    }

    private void record(List<Integer> cycle) {
        if (!seen.add(Set.copyOf(cycle))) {
            return;
        }
        int start = cycle.indexOf(cycle.stream().min(Integer::compare).orElseThrow());
        List<Integer> closed = new ArrayList<>();
        for (int i = 0; i <= cycle.size(); i++) {
            closed.add(cycle.get((start + i) % cycle.size()));
        }
        cycles.add(List.copyOf(closed));
    }
}
