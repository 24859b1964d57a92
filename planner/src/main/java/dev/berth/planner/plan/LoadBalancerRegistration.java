package dev.berth.planner.plan;

import java.util.List;

/**
 * That a service's tasks register with a load balancer: each new task is added to every container
 * of it and counts as started only once all of them report it healthy; each task that stops is
 * drained from them first.
 *
 * @param hosts               the hosts that run the load balancer
 * @param healthTimeoutSeconds how long the load balancer's checks may take to pass
 * @param deregistrationDelay seconds a draining task keeps its open connections at most
 */
public record LoadBalancerRegistration(String loadBalancer, List<HostRef> hosts, String containerName,
                                       int containerPort, int healthTimeoutSeconds, int deregistrationDelay) {
    public LoadBalancerRegistration {
        hosts = Lists.copy(hosts);
    }
}
