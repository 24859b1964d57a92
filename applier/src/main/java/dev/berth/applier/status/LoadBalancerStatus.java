package dev.berth.applier.status;

import java.util.List;

/**
 * One container of a load balancer and its targets, as its own checks see them.
 *
 * @param listeners {@code 8080/http} for each listener, reached at the host's address
 */
public record LoadBalancerStatus(String name, String cluster, String host, boolean running, List<String> listeners,
                                 List<Target> targets) {
    public LoadBalancerStatus {
        listeners = List.copyOf(listeners);
        targets = List.copyOf(targets);
    }

    /**
     * @param health the load balancer's view: UP, DOWN, DRAIN, MAINT, or on its way ("DOWN 1/2")
     * @param check  the last check's result, e.g. L7OK 200 or L4CON
     */
    public record Target(String service, String taskId, String address, String health, String check, int sessions,
                         long requests) {
    }
}
