package dev.berth.planner.verdict;

import dev.berth.planner.expected.TaskEdits;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.schema.model.TaskDefinition;
import java.util.List;

/**
 * The one judgement of a task that plan, drift and status all read, so what the plan calls
 * converged is never drift and whatever drift reports the next apply repairs. Judged as ECS
 * judges a task, from its essential containers only: a non-essential container that exits (an
 * init step, a sidecar) does not change the verdict. An essential container the engine is
 * restarting in place (its restartPolicy) is not stopped either: ECS restarts such a container
 * rather than replace its task, and replacing it too would race the engine's restart.
 *
 * @param details what makes it so, for a person: "app exited (code 137)", an edit; empty when running
 */
public record TaskVerdict(Kind kind, List<String> details) {
    public TaskVerdict {
        details = List.copyOf(details);
    }

    public enum Kind {
        /** Every essential container runs (or is being restarted in place) and none reports unhealthy. */
        running,
        /** An essential container is not running nor being restarted (or none is left): the task is replaced. */
        stopped,
        /** An essential container's health check reports unhealthy: the task is replaced. */
        unhealthy,
        /** Runs, but its containers differ from the definition (a hand edit): the task is replaced. */
        edited,
        /**
         * Runs as its definition says, but variables its environment files give now differ from the
         * container's: the task is replaced, as compose's {@code up} recreates a container whose
         * env_file changed. Details name the variables, never their values.
         */
        environmentFilesChanged,
        /** Its host did not answer: neither counted nor touched. */
        lost
    }

    /**
     * @param reachable  whether the task's host answered
     * @param definition what the task should look like when it runs the service's desired revision;
     *                   null when it runs another (it is replaced anyway, so its edits do not matter)
     * @param family     the family the task's service runs
     */
    public static TaskVerdict of(ObservedTask task, boolean reachable, String stack, String family,
                                 TaskDefinition definition) {
        if (!reachable) {
            return new TaskVerdict(Kind.lost, List.of("host " + task.host() + " did not answer"));
        }
        List<ObservedContainer> essential = task.containers().stream().filter(ObservedContainer::essential).toList();
        if (essential.isEmpty()) {
            return new TaskVerdict(Kind.stopped, List.of("no essential container left"));
        }
        List<String> notRunning = essential.stream().filter(c -> !c.running() && !c.restarting())
                .map(TaskVerdict::describe).toList();
        if (!notRunning.isEmpty()) {
            return new TaskVerdict(Kind.stopped, notRunning);
        }
        List<String> unhealthy = essential.stream().filter(c -> "unhealthy".equals(c.health()))
                .map(c -> c.containerName() + " is unhealthy").toList();
        if (!unhealthy.isEmpty()) {
            return new TaskVerdict(Kind.unhealthy, unhealthy);
        }
        List<String> edits = definition == null ? List.of() : TaskEdits.of(stack, family, definition, task);
        if (!edits.isEmpty()) {
            return new TaskVerdict(Kind.edited, edits);
        }
        List<String> fileChanges = definition == null ? List.of() : task.containers().stream()
                .filter(c -> c.config() != null && !c.config().environmentFileChanges().isEmpty())
                .map(c -> c.containerName() + ": " + String.join(", ", c.config().environmentFileChanges()))
                .toList();
        return fileChanges.isEmpty() ? new TaskVerdict(Kind.running, List.of())
                : new TaskVerdict(Kind.environmentFilesChanged, fileChanges);
    }

    /** Its containers run (healthy or not, edited or not): it holds a host's resources. */
    public boolean containersRun() {
        return kind == Kind.running || kind == Kind.unhealthy || kind == Kind.edited
                || kind == Kind.environmentFilesChanged;
    }

    private static String describe(ObservedContainer container) {
        String code = "exited".equals(container.state()) && container.exitCode() != null
                ? " (code " + container.exitCode() + ")" : "";
        return container.containerName() + " " + container.state() + code;
    }
}
