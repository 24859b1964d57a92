package dev.berth.applier.status;

import dev.berth.planner.verdict.TaskVerdict;
import java.util.List;

/**
 * One task of a service: where it runs, the revision it runs, its verdict and its containers.
 *
 * @param verdict the judgement plan and drift read too
 */
public record TaskStatus(String taskId, String cluster, String host, String revision, TaskVerdict verdict,
                         boolean running, boolean healthy, List<ContainerStatus> containers) {
    public TaskStatus {
        containers = List.copyOf(containers);
    }
}
