package dev.berth.planner.placement;

import java.util.Map;
import java.util.Set;

/**
 * A host as one placement decision sees it.
 *
 * @param order             position in the cluster in declaration order, from 0: the last tie-breaker
 * @param unreachableReason why the host could not be observed (null when reachable)
 * @param freeCpu           CPU units left after reservations and running or planned tasks
 * @param freeMemory        MiB left likewise
 * @param serviceTasks      tasks of the service being placed that will run here
 * @param hostPortsTaken    fixed host ports ({@code 8080/tcp}) that tasks which stay or start here hold
 */
public record HostSnapshot(String host, int order, String unreachableReason, Map<String, String> attributes,
                           long freeCpu, long freeMemory, int serviceTasks, Set<String> hostPortsTaken) {
    public HostSnapshot {
        hostPortsTaken = Set.copyOf(hostPortsTaken);
    }

    public boolean reachable() {
        return unreachableReason == null;
    }
}
