package dev.berth.planner.drift;

import dev.berth.planner.expected.TaskEdits;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Address;
import dev.berth.schema.canonical.ContentHash;
import dev.berth.schema.model.ContainerDefinition;
import dev.berth.schema.model.TaskDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The findings about one task of a declared service: stopped containers, a foreign spec, hand edits. */
final class TaskCheck {
    private final String stackName;
    private final KnownDefinitions definitions;

    TaskCheck(String stackName, KnownDefinitions definitions) {
        this.stackName = stackName;
        this.definitions = definitions;
    }

    void check(Address address, String family, KnownDefinitions.Desired desired, ObservedTask task,
               Consumer<DriftFinding> findings) {
        Finder finder = new Finder(address, task, findings);
        reportStoppedContainers(task, finder);
        if (!task.running()) {
            return;
        }
        if (!desired.specHash().equals(task.specHash())) {
            finder.add(DriftKind.UNEXPECTED_SPEC, "task " + task.taskId() + " runs " + runningRevision(task)
                    + ", stack says " + desired.describe());
            return;
        }
        reportLabelEdits(task, family, finder);
        if (desired.definition() != null) {
            reportConfigEdits(desired.definition(), task, finder);
        }
    }

    /** A non-essential container that finished with 0 did its job (an init step); anything else stopped. */
    private void reportStoppedContainers(ObservedTask task, Finder finder) {
        Optional<TaskDefinition> definition = definitions.bySpecHash(task.specHash());
        for (ObservedContainer container : task.containers()) {
            if (container.running() || finishedItsJob(container, definition)) {
                continue;
            }
            String how = "exited".equals(container.state()) && container.exitCode() != null
                    ? "exited " + container.exitCode()
                    : "is " + container.state();
            finder.add(DriftKind.TASK_STOPPED,
                    "task " + task.taskId() + " stopped, container " + container.containerName() + " " + how);
        }
    }

    private static boolean finishedItsJob(ObservedContainer container, Optional<TaskDefinition> definition) {
        return Objects.equals(container.exitCode(), 0) && definition
                .flatMap(td -> find(td, container.containerName()))
                .map(cd -> Boolean.FALSE.equals(cd.essential()))
                .orElse(false);
    }

    private static String runningRevision(ObservedTask task) {
        String hash = task.specHash() == null ? "no spec hash" : "sha256:" + ContentHash.shortForm(task.specHash());
        return task.revision() > 0 ? "revision " + task.revision() + " (" + hash + ")" : hash;
    }

    /** Labels are how berth recognizes its objects, so a relabelled container is edited even if it runs fine. */
    private void reportLabelEdits(ObservedTask task, String family, Finder finder) {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(BerthLabels.STACK, stackName);
        expected.put(BerthLabels.SERVICE, task.service());
        expected.put(BerthLabels.FAMILY, family);
        expected.put(BerthLabels.TASK, task.taskId());
        expected.put(BerthLabels.SPEC_HASH, task.specHash());
        for (ObservedContainer container : task.containers()) {
            expected.forEach((label, value) -> {
                String found = container.labels().get(label);
                if (!value.equals(found)) {
                    finder.add(DriftKind.CONFIG_EDITED, "container " + container.containerName() + ": label "
                            + label + " is " + (found == null ? "missing" : "\"" + found + "\"")
                            + ", expected \"" + value + "\"");
                }
            });
        }
    }

    private void reportConfigEdits(TaskDefinition definition, ObservedTask task, Finder finder) {
        TaskEdits.of(definition, task).forEach(edit -> finder.add(DriftKind.CONFIG_EDITED, edit));
    }

    private static Optional<ContainerDefinition> find(TaskDefinition definition, String containerName) {
        return definition.containerDefinitions().stream().filter(cd -> cd.name().equals(containerName)).findFirst();
    }

    /** Fills in what every finding about this task shares. */
    private record Finder(Address address, ObservedTask task, Consumer<DriftFinding> findings) {
        void add(DriftKind kind, String detail) {
            findings.accept(new DriftFinding(kind, address, task.host(), task.taskId(), detail));
        }
    }
}
