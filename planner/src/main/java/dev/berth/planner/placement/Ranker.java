package dev.berth.planner.placement;

import java.util.function.ToLongFunction;

/**
 * Orders feasible hosts, best first, by a score: the lower, the better. Rankers chain: a later
 * one only breaks the ties of the ones before it, as ECS placement strategies do. A score rather
 * than a comparator, so placement scores a host once against the best so far, and asks a later
 * ranker only on a tie.
 */
public interface Ranker {

    /**
     * @param cluster the cluster as it stands before this decision, for rankers that weigh a host
     *                against the others
     * @return the score of a host for this decision
     */
    ToLongFunction<HostSnapshot> score(TaskAsk ask, ClusterSnapshot cluster);
}
