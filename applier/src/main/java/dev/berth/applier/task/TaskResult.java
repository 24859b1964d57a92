package dev.berth.applier.task;

/** Whether a task reached the state asked for, and if not, why, in words for the user. */
public record TaskResult(String taskId, boolean ok, String reason) {
    public static TaskResult ok(String taskId) {
        return new TaskResult(taskId, true, null);
    }

    public static TaskResult failed(String taskId, String reason) {
        return new TaskResult(taskId, false, reason);
    }
}
