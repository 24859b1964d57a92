package dev.berth.applier.apply;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.planner.plan.HostRef;
import dev.berth.schema.model.Stack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The engines behind the host names a plan uses. Only names are resolved here (the stack says
 * which endpoint each host has); which hosts to touch the plan has already decided.
 */
final class PlanHosts {
    private final Stack stack;
    private final ClusterHosts clusterHosts;
    private final Map<String, Map<String, ClusterHost>> byCluster = new ConcurrentHashMap<>();

    PlanHosts(Stack stack, ClusterHosts clusterHosts) {
        this.stack = stack;
        this.clusterHosts = clusterHosts;
    }

    /** A cluster's hosts by name; empty for a cluster the stack does not declare. */
    Map<String, ClusterHost> of(String cluster) {
        return byCluster.computeIfAbsent(cluster, c -> stack.clusters().containsKey(c)
                ? clusterHosts.of(c, stack.clusters().get(c)).stream()
                        .collect(Collectors.toMap(ClusterHost::name, Function.identity()))
                : Map.of());
    }

    /** @throws IllegalArgumentException the stack does not declare the host */
    ClusterHost of(HostRef ref) {
        ClusterHost host = of(ref.cluster()).get(ref.host());
        if (host == null) {
            throw new IllegalArgumentException("the plan names host " + ref + ", which the stack does not declare");
        }
        return host;
    }

    List<ClusterHost> of(List<HostRef> refs) {
        return refs.stream().map(this::of).toList();
    }
}
