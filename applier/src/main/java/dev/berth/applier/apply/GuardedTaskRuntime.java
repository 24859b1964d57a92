package dev.berth.applier.apply;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.lock.LeaseGuard;
import dev.berth.applier.task.TaskResult;
import dev.berth.applier.task.TaskRuntime;
import dev.berth.applier.task.TaskSpec;
import java.time.Duration;

/** Asks the lease before every task it starts or stops, so a run that lost its lock changes nothing more. */
record GuardedTaskRuntime(TaskRuntime runtime, LeaseGuard lease) implements TaskRuntime {
    @Override
    public TaskResult launch(TaskSpec task) {
        lease.check();
        return runtime.launch(task);
    }

    @Override
    public TaskResult awaitHealthy(TaskSpec task, Duration timeout) {
        return runtime.awaitHealthy(task, timeout);
    }

    @Override
    public void stop(ClusterHost host, String stack, String taskId) {
        lease.check();
        runtime.stop(host, stack, taskId);
    }
}
