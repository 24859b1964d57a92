package dev.berth.planner.plan;

import java.util.List;

/**
 * Where a service's tasks go: every task to start with its host, every task to stop, and the
 * count per host before and after.
 */
public record ServicePlacement(List<TaskStart> starts, List<TaskStop> stops, List<HostCount> hosts) {
    public ServicePlacement {
        starts = Lists.copy(starts);
        stops = Lists.copy(stops);
        hosts = Lists.copy(hosts);
    }

    /** A new task: its id is fixed in the plan so a saved plan starts exactly these tasks. */
    public record TaskStart(String taskId, String host, int revision) {
    }

    public record TaskStop(String taskId, String host, int revision, Reason why) {
    }

    public record HostCount(String host, int before, int after) {
    }
}
