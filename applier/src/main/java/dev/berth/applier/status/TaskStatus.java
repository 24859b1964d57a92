package dev.berth.applier.status;

import java.util.List;

/** One task of a service: where it runs, the revision it runs and its containers. */
public record TaskStatus(String taskId, String cluster, String host, String revision, boolean running,
                         boolean healthy, List<ContainerStatus> containers) {
    public TaskStatus {
        containers = List.copyOf(containers);
    }
}
