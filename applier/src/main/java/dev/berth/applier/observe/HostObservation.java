package dev.berth.applier.observe;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedTask;

import java.util.List;

/**
 * What one engine holds for the stack, attributed to the cluster hosts that name it.
 *
 * @param hosts     one entry per cluster host naming the engine
 * @param revisions revision records before merging with other hosts'
 * @param records   the stack's other record volumes (the apply's and the agent's), read after merging
 * @param warnings  objects that carry berth labels but could not be read
 */
public record HostObservation(List<ObservedHost> hosts, List<ObservedTask> tasks, List<ObservedNetwork> networks,
                              List<ObservedLoadBalancer> loadBalancers, List<HostRevision> revisions,
                              List<Volume> records, List<String> warnings) {
    public HostObservation {
        hosts = List.copyOf(hosts);
        tasks = List.copyOf(tasks);
        networks = List.copyOf(networks);
        loadBalancers = List.copyOf(loadBalancers);
        revisions = List.copyOf(revisions);
        records = List.copyOf(records);
        warnings = List.copyOf(warnings);
    }

    /** The engine did not answer: its hosts are reported, its objects are unknown rather than absent. */
    static HostObservation unreachable(List<ClusterHost> sharers, String error) {
        List<ObservedHost> hosts = sharers.stream()
                .map(h -> new ObservedHost(h.cluster(), h.name(), h.endpoint().toString(), false, error, null))
                .toList();
        return new HostObservation(hosts, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
