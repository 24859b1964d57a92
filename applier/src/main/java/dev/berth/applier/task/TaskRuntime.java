package dev.berth.applier.task;

import dev.berth.applier.docker.ClusterHost;
import java.time.Duration;

/**
 * Runs tasks on Docker hosts: the only part of a deployment that talks to an engine about tasks.
 * Every object it creates carries the ownership labels ({@code BerthLabels}).
 */
public interface TaskRuntime {

    /**
     * Creates and starts the task's containers in {@code dependsOn} order (waiting for each
     * condition), with its task-scoped volumes. Returns when every container that should run has
     * started; a container that fails to start fails the task, and its containers are removed.
     */
    TaskResult launch(TaskSpec task);

    /**
     * Waits until the task is healthy (every essential container running and, where it has a
     * health check, healthy; without one, running for the grace period) or has failed (an
     * essential container exited or turned unhealthy), at most {@code timeout}.
     */
    TaskResult awaitHealthy(TaskSpec task, Duration timeout);

    /**
     * Stops the task's containers (SIGTERM, then SIGKILL after each container's stopTimeout) and
     * removes them with the task's task-scoped volumes. Stopping a task that is already gone succeeds.
     * The stack is needed because only objects labelled {@code berth.stack=<stack>} are the stack's:
     * task ids are unique within a stack, not across stacks sharing a host.
     */
    void stop(ClusterHost host, String stack, String taskId);
}
