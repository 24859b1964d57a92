package dev.berth.schema.model;

/** Registers a container port of each task of a service with a load balancer. */
public record ServiceLoadBalancer(String loadBalancerName, String containerName, Integer containerPort) {
}
