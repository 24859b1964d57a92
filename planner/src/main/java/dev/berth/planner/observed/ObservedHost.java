package dev.berth.planner.observed;

/**
 * A Docker host of a cluster and whether it answered.
 *
 * @param error why it could not be observed (null when reachable)
 * @param info  engine facts (null when unreachable)
 */
public record ObservedHost(String cluster, String name, String endpoint, boolean reachable, String error,
                           HostInfo info) {

    /** Engine facts: CPU count, memory in bytes, OS, architecture, engine version. */
    public record HostInfo(int cpus, long memoryBytes, String os, String architecture, String engineVersion) {
    }
}
