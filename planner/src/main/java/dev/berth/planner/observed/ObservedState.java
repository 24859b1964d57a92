package dev.berth.planner.observed;

import java.util.List;

/**
 * Everything berth owns for one stack on its hosts, plus the hosts themselves.
 *
 * @param revisions the task definition revision history, recovered from the hosts
 * @param warnings  inconsistencies found while observing that the user should see (for example two
 *                  hosts recording different definitions under one revision number)
 * @param scaled    the counts auto scaling set, newest record on the hosts
 * @param throttled the services the agent holds back for failing, newest record on the hosts
 */
public record ObservedState(String stack, List<ObservedHost> hosts, List<ObservedTask> tasks,
                            List<RevisionRecord> revisions, List<ObservedNetwork> networks,
                            List<ObservedLoadBalancer> loadBalancers, List<String> warnings,
                            List<ScaledCount> scaled, List<ServiceThrottle> throttled) {
    public ObservedState {
        hosts = List.copyOf(hosts);
        tasks = List.copyOf(tasks);
        revisions = List.copyOf(revisions);
        networks = List.copyOf(networks);
        loadBalancers = List.copyOf(loadBalancers);
        warnings = List.copyOf(warnings);
        scaled = List.copyOf(scaled);
        throttled = List.copyOf(throttled);
    }

    /** A state without warnings, as tests and the planner usually build it. */
    public ObservedState(String stack, List<ObservedHost> hosts, List<ObservedTask> tasks,
                         List<RevisionRecord> revisions, List<ObservedNetwork> networks,
                         List<ObservedLoadBalancer> loadBalancers) {
        this(stack, hosts, tasks, revisions, networks, loadBalancers, List.of(), List.of(), List.of());
    }

    /** The same state, with what the agent recorded: the counts auto scaling set, the services it holds back. */
    public ObservedState withAgentRecords(List<ScaledCount> counts, List<ServiceThrottle> throttles) {
        return new ObservedState(stack, hosts, tasks, revisions, networks, loadBalancers, warnings, counts, throttles);
    }

    /** The same state, with the counts auto scaling set. */
    public ObservedState withScaled(List<ScaledCount> counts) {
        return withAgentRecords(counts, throttled);
    }

    public static ObservedState empty(String stack) {
        return new ObservedState(stack, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
