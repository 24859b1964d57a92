package dev.berth.planner.observed;

import java.util.List;

/**
 * One container of a load balancer berth runs for the stack, and the targets it has.
 *
 * @param image   the image it was created from
 * @param targets what its runtime API reports (empty when it is not running)
 */
public record ObservedLoadBalancer(String cluster, String host, String name, String containerId, String specHash,
                                   String image, boolean running, List<ObservedTarget> targets) {
    public ObservedLoadBalancer {
        targets = List.copyOf(targets);
    }
}
