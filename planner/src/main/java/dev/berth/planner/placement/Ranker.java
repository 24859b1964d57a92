package dev.berth.planner.placement;

import java.util.Comparator;

/**
 * Orders feasible hosts, best first. Rankers chain: a later one only breaks the ties of the ones
 * before it, as ECS placement strategies do.
 */
public interface Ranker {

    /**
     * @param cluster the cluster as it stands before this decision, for rankers that weigh a host
     *                against the others
     */
    Comparator<HostSnapshot> order(TaskAsk ask, ClusterSnapshot cluster);
}
