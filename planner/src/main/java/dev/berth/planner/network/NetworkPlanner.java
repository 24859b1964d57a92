package dev.berth.planner.network;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Docker networks a stack needs: the stack network on every reachable host of each cluster
 * ({@code cluster.*}) and one per namespace on the hosts of its cluster ({@code namespace.*}).
 * Networks of clusters or namespaces the stack no longer declares are deleted.
 */
public final class NetworkPlanner {
    private NetworkPlanner() {
    }

    public static List<PlannedChange> plan(Stack stack, ObservedState observed) {
        Map<String, List<String>> reachableByCluster = new HashMap<>();
        Map<String, String> clusterOfHost = new HashMap<>();
        for (ObservedHost host : observed.hosts()) {
            clusterOfHost.put(host.name(), host.cluster());
            if (host.reachable()) {
                reachableByCluster.computeIfAbsent(host.cluster(), c -> new ArrayList<>()).add(host.name());
            }
        }
        List<PlannedChange> changes = new ArrayList<>();
        for (String cluster : new TreeSet<>(stack.clusters().keySet())) {
            changes.add(ensure(new Address(Address.Kind.cluster, cluster), "stack network",
                    reachableByCluster.getOrDefault(cluster, List.of()), hostsWith(observed, null)));
        }
        new TreeMap<>(stack.namespaces()).forEach((name, namespace) ->
                changes.add(ensure(new Address(Address.Kind.namespace, name), "namespace network",
                        reachableByCluster.getOrDefault(namespace.cluster(), List.of()), hostsWith(observed, name))));

        Map<Address, Set<String>> leftovers = new TreeMap<>();
        for (ObservedNetwork network : observed.networks()) {
            owner(network, clusterOfHost).filter(owner -> !declares(stack, owner)).ifPresent(owner ->
                    leftovers.computeIfAbsent(owner, a -> new TreeSet<>()).add(network.host()));
        }
        leftovers.forEach((address, hosts) -> changes.add(new PlannedChange(address, Action.delete, List.of(),
                List.of("not in the stack: remove its network from " + String.join(", ", hosts)), null, null)));
        return changes;
    }

    /** The cluster or namespace a network belongs to; empty when its host is not one berth observed. */
    private static Optional<Address> owner(ObservedNetwork network, Map<String, String> clusterOfHost) {
        if (network.namespace() != null) {
            return Optional.of(new Address(Address.Kind.namespace, network.namespace()));
        }
        return Optional.ofNullable(clusterOfHost.get(network.host()))
                .map(cluster -> new Address(Address.Kind.cluster, cluster));
    }

    private static boolean declares(Stack stack, Address owner) {
        return owner.kind() == Address.Kind.cluster
                ? stack.clusters().containsKey(owner.name())
                : stack.namespaces().containsKey(owner.name());
    }

    private static Set<String> hostsWith(ObservedState observed, String namespace) {
        return observed.networks().stream()
                .filter(n -> Objects.equals(n.namespace(), namespace))
                .map(ObservedNetwork::host)
                .collect(Collectors.toSet());
    }

    private static PlannedChange ensure(Address address, String what, List<String> hosts, Set<String> having) {
        List<String> missing = hosts.stream().filter(h -> !having.contains(h)).toList();
        if (missing.isEmpty()) {
            return new PlannedChange(address, Action.noop, List.of(), List.of(), null, null);
        }
        return new PlannedChange(address, Action.create, List.of(),
                List.of("create the " + what + " on " + String.join(", ", missing)), null, null);
    }
}
