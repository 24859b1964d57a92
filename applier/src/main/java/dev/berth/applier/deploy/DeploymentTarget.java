package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.planner.plan.CircuitBreaker;
import java.util.Map;

/**
 * Where a service's planned change runs and with what, all read from the plan's service detail.
 *
 * @param stack    the stack whose tasks these are
 * @param hosts    the service's cluster hosts by name, as the plan names them
 * @param newTasks the revision planned starts run; null when the change starts nothing (a delete)
 * @param breaker  when repeated task failures end the deployment
 */
public record DeploymentTarget(String stack, Map<String, ClusterHost> hosts, NewTasks newTasks, CircuitBreaker breaker) {
    public DeploymentTarget {
        hosts = Map.copyOf(hosts);
    }

    ClusterHost host(String name) {
        ClusterHost host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("the plan names host " + name + ", which the stack does not declare");
        }
        return host;
    }
}
