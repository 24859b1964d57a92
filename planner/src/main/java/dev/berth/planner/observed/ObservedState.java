package dev.berth.planner.observed;

import java.util.List;

/**
 * Everything berth owns for one stack on its hosts, plus the hosts themselves.
 *
 * @param revisions the task definition revision history, recovered from the hosts
 */
public record ObservedState(String stack, List<ObservedHost> hosts, List<ObservedTask> tasks,
                            List<RevisionRecord> revisions, List<ObservedNetwork> networks,
                            List<ObservedLoadBalancer> loadBalancers) {
    public ObservedState {
        hosts = List.copyOf(hosts);
        tasks = List.copyOf(tasks);
        revisions = List.copyOf(revisions);
        networks = List.copyOf(networks);
        loadBalancers = List.copyOf(loadBalancers);
    }

    public static ObservedState empty(String stack) {
        return new ObservedState(stack, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
