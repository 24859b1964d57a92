package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import java.util.stream.Collectors;

/** Why a task is stopped, as the plan shows it next to the task. */
final class StopReasons {
    private StopReasons() {
    }

    /** "stopped: app exited (code 137)" for the essential containers that are not running. */
    static String stopped(ObservedTask task) {
        if (task.containers().stream().noneMatch(ObservedContainer::essential)) {
            return "stopped: no essential container left";
        }
        return "stopped: " + task.containers().stream()
                .filter(c -> c.essential() && !c.running())
                .map(StopReasons::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(ObservedContainer container) {
        String code = container.exitCode() == null ? "" : " (code " + container.exitCode() + ")";
        return container.containerName() + " " + container.state() + code;
    }
}
