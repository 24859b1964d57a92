package dev.berth.applier.status;

import java.util.List;

/**
 * @param hosts    every host of the stack, reachable or not
 * @param loadBalancers every load balancer container, by name and host
 * @param warnings what the observation found inconsistent
 */
public record StatusReport(String stack, List<HostStatus> hosts, List<ServiceStatus> services,
                           List<LoadBalancerStatus> loadBalancers, List<String> warnings) {
    public StatusReport {
        hosts = List.copyOf(hosts);
        services = List.copyOf(services);
        loadBalancers = List.copyOf(loadBalancers);
        warnings = List.copyOf(warnings);
    }

    public List<HostStatus> unreachableHosts() {
        return hosts.stream().filter(h -> !h.reachable()).toList();
    }

    /** @param error why it did not answer; null when it did */
    public record HostStatus(String cluster, String name, String endpoint, boolean reachable, String error) {
    }
}
