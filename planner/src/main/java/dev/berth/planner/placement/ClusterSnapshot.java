package dev.berth.planner.placement;

import java.util.List;

/**
 * A cluster as one placement decision sees it.
 *
 * @param hosts        every host in declaration order, indexed by {@link HostSnapshot#order}
 * @param serviceHosts those of {@code hosts} where the service counts tasks (nonzero
 *                     {@link HostSnapshot#serviceTasks}), in declaration order: a ranker that sums
 *                     the service's tasks visits these rather than thousands of hosts for each task
 */
public record ClusterSnapshot(List<HostSnapshot> hosts, List<HostSnapshot> serviceHosts) {
}
