package dev.berth.planner.observed;

/** A load balancer container berth runs for the stack. */
public record ObservedLoadBalancer(String cluster, String host, String name, String containerId, String specHash,
                                   boolean running) {
}
