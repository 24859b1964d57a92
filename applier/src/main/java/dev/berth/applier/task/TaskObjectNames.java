package dev.berth.applier.task;

/**
 * Names of the Docker objects of a task. Names are for people reading {@code docker ps}; berth
 * finds its objects by label, never by name.
 */
public final class TaskObjectNames {
    private TaskObjectNames() {
    }

    /** {@code <stack>-<taskId>-<container>}, with anything Docker rejects in a name replaced by '-'. */
    public static String container(String stack, String taskId, String container) {
        return dockerSafe(stack + "-" + taskId + "-" + container);
    }

    /** {@code berth.<stack>.<taskId>.<volume>}: one volume per task for a task-scoped volume. */
    public static String taskVolume(String stack, String taskId, String volume) {
        return dockerSafe("berth." + stack + "." + taskId + "." + volume);
    }

    /** Docker accepts [a-zA-Z0-9][a-zA-Z0-9_.-]* for container and volume names. */
    static String dockerSafe(String name) {
        String safe = name.replaceAll("[^a-zA-Z0-9_.-]", "-");
        return Character.isLetterOrDigit(safe.charAt(0)) ? safe : "x" + safe;
    }
}
