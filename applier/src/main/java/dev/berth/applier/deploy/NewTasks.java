package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.task.TaskSpec;
import dev.berth.planner.plan.ServiceDetail;
import java.time.Duration;
import java.util.Set;

/**
 * The tasks a deployment starts: the plan's launch of one service.
 *
 * @param takenTaskIds ids of tasks already on the hosts, which replacement ids must avoid (a
 *                     replacement left behind by an interrupted apply keeps its id)
 */
public record NewTasks(String stack, String serviceName, ServiceDetail.Launch launch, Set<String> takenTaskIds) {
    public NewTasks {
        takenTaskIds = Set.copyOf(takenTaskIds);
    }

    public TaskSpec spec(String taskId, ClusterHost host) {
        return new TaskSpec(stack, host, serviceName, launch.family(), launch.revision(), launch.specHash(), taskId,
                launch.definition(), launch.namespace(), launch.aliases(), launch.healthCheckGracePeriodSeconds());
    }

    public Duration healthTimeout() {
        return HealthTimeout.of(launch.definition(), launch.healthCheckGracePeriodSeconds());
    }

    /**
     * The id of the next replacement for a planned task that failed, {@code <taskId>-r<N>}: the
     * lowest N above {@code previous} whose id is free, so ids stay unique and deterministic.
     */
    public String replacementId(String taskId, String previous) {
        int attempt = previous.equals(taskId) ? 0 : Integer.parseInt(previous.substring(taskId.length() + 2));
        String id;
        do {
            attempt++;
            id = taskId + "-r" + attempt;
        } while (takenTaskIds.contains(id));
        return id;
    }
}
