package dev.berth.planner.drift;

import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Address;
import dev.berth.planner.verdict.KnownDefinitions;
import dev.berth.planner.verdict.StackVerdicts;
import dev.berth.planner.verdict.TaskVerdict;
import dev.berth.schema.canonical.ContentHash;

import java.util.Optional;
import java.util.function.Consumer;

/** The findings about one task of a declared service, from its verdict: stopped, unhealthy, a foreign spec, hand edits. */
final class TaskCheck {
    private final StackVerdicts verdicts;

    TaskCheck(StackVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    void check(Address address, Optional<KnownDefinitions.Desired> desired, ObservedTask task,
               Consumer<DriftFinding> findings) {
        TaskVerdict verdict = verdicts.of(task);
        Finder finder = new Finder(address, task, findings);
        switch (verdict.kind()) {
            case lost -> {
                // Its host is a finding of its own; what the task does there is unknown.
            }
            case stopped -> finder.add(DriftKind.TASK_STOPPED,
                    "task " + task.taskId() + " stopped: " + String.join(", ", verdict.details()));
            case unhealthy -> finder.add(DriftKind.TASK_UNHEALTHY,
                    "task " + task.taskId() + " unhealthy: " + String.join(", ", verdict.details()));
            case environmentFilesChanged -> verdict.details().forEach(change -> finder.add(DriftKind.CONFIG_EDITED,
                    "container " + change + ": the environment files give other values now"));
            case running, edited -> {
                if (desired.isPresent() && !desired.get().specHash().equals(task.specHash())) {
                    finder.add(DriftKind.UNEXPECTED_SPEC, "task " + task.taskId() + " runs " + runningRevision(task)
                            + ", stack says " + desired.get().describe());
                } else {
                    verdict.details().forEach(edit -> finder.add(DriftKind.CONFIG_EDITED, edit));
                }
            }
        }
    }

    private static String runningRevision(ObservedTask task) {
        String hash = task.specHash() == null ? "no spec hash" : "sha256:" + ContentHash.shortForm(task.specHash());
        return task.revision() > 0 ? "revision " + task.revision() + " (" + hash + ")" : hash;
    }

    /** Fills in what every finding about this task shares. */
    private record Finder(Address address, ObservedTask task, Consumer<DriftFinding> findings) {
        void add(DriftKind kind, String detail) {
            findings.accept(new DriftFinding(kind, address, task.host(), task.taskId(), detail));
        }
    }
}
