package dev.berth.schema.validation;

import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.berth.schema.source.SourceMap.child;

/**
 * dependsOn must not form a cycle, or no container of the cycle can ever start. Each cycle is
 * reported once, at the dependsOn entry of its first declared container that leads into it.
 * Self-dependencies and unknown names are left to {@link ContainerReferenceCheck}.
 */
final class ContainerDependencyCycleCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.taskDefinitions().forEach((family, task) -> new TaskGraph(family, task).report(positions, out));
    }

    private static final class TaskGraph {
        private final String family;
        private final List<ContainerDefinition> containers;
        private final Map<String, Integer> indexOf = new HashMap<>();
        private final Set<Integer> finished = new HashSet<>();
        private final List<Integer> path = new ArrayList<>();
        private final Set<Set<Integer>> reported = new HashSet<>();

        TaskGraph(String family, TaskDefinition task) {
            this.family = family;
            this.containers = task.containerDefinitions();
            for (int i = 0; i < containers.size(); i++) {
                indexOf.putIfAbsent(containers.get(i).name(), i);
            }
        }

        void report(SourceMap positions, Diagnostics out) {
            for (int i = 0; i < containers.size(); i++) {
                visit(i, positions, out);
            }
        }

        private void visit(int container, SourceMap positions, Diagnostics out) {
            if (finished.contains(container)) {
                return;
            }
            int onPath = path.indexOf(container);
            if (onPath >= 0) {
                reportCycle(path.subList(onPath, path.size()), positions, out);
                return;
            }
            path.add(container);
            for (var dependency : containers.get(container).dependsOn()) {
                Integer target = indexOf.get(dependency.containerName());
                if (target != null && target != container) {
                    visit(target, positions, out);
                }
            }
            path.removeLast();
            finished.add(container);
        }

        private void reportCycle(List<Integer> cycle, SourceMap positions, Diagnostics out) {
            if (!reported.add(Set.copyOf(cycle))) {
                return;
            }
            int start = cycle.indexOf(cycle.stream().min(Integer::compare).orElseThrow());
            List<String> names = new ArrayList<>();
            for (int i = 0; i <= cycle.size(); i++) {
                names.add(containers.get(cycle.get((start + i) % cycle.size())).name());
            }
            int first = cycle.get(start);
            String next = names.get(1);
            int entry = 0;
            while (!containers.get(first).dependsOn().get(entry).containerName().equals(next)) {
                entry++;
            }
            out.error(positions.value(child(StackPointers.container(family, first), "dependsOn", entry,
                            "containerName")),
                    "containers of task definition \"" + family + "\" depend on each other in a cycle: "
                            + String.join(" -> ", names) + ", so none of them can start; remove one of these "
                            + "dependsOn entries");
        }
    }
}
