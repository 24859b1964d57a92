package dev.berth.planner.reconcile;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.planner.verdict.TaskVerdict;

/** Why a task is stopped, as the plan shows it next to the task. */
final class StopReasons {
    private StopReasons() {
    }

    /** @param outdated whether the task runs another revision than the desired one */
    static Reason of(ObservedTask task, TaskVerdict verdict, boolean outdated) {
        return switch (verdict.kind()) {
            case stopped -> Reason.of(ReasonCode.TASK_STOPPED, "containers", verdict.details());
            case unhealthy -> Reason.of(ReasonCode.TASK_UNHEALTHY, "containers", verdict.details());
            case edited -> Reason.of(ReasonCode.TASK_EDITED, "edit", verdict.details().getFirst());
            case environmentFilesChanged -> Reason.of(ReasonCode.TASK_ENVIRONMENT_FILES_CHANGED, "variables",
                    verdict.details());
            case running, lost -> outdated
                    ? Reason.of(ReasonCode.TASK_OUTDATED, "revision", task.family() + ":" + task.revision())
                    : Reason.of(ReasonCode.TASK_SCALED_IN);
        };
    }
}
