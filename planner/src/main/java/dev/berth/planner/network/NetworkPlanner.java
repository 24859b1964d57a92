package dev.berth.planner.network;

import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedNetwork;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.NetworkDetail;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.model.Stack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Docker networks a stack needs: the stack network on every reachable host of each cluster
 * ({@code cluster.*}) and one per namespace on the hosts of its cluster ({@code namespace.*}).
 * Networks of clusters or namespaces the stack no longer declares are deleted from the hosts that
 * have them. Each change names exactly the hosts apply touches.
 */
public final class NetworkPlanner {
    private NetworkPlanner() {
    }

    public static List<PlannedChange> plan(Stack stack, ObservedState observed) {
        Map<String, List<HostRef>> reachableByCluster = new TreeMap<>();
        Map<String, String> clusterOfHost = new HashMap<>();
        for (ObservedHost host : observed.hosts()) {
            clusterOfHost.put(host.name(), host.cluster());
            if (host.reachable()) {
                reachableByCluster.computeIfAbsent(host.cluster(), c -> new ArrayList<>())
                        .add(new HostRef(host.cluster(), host.name()));
            }
        }
        List<PlannedChange> changes = new ArrayList<>();
        for (String cluster : new TreeSet<>(stack.clusters().keySet())) {
            String network = NetworkNames.stack(stack.stack());
            changes.add(ensure(new Address(Address.Kind.cluster, cluster), network, null,
                    reachableByCluster.getOrDefault(cluster, List.of()), hostsWith(observed, network)));
        }
        new TreeMap<>(stack.namespaces()).forEach((name, namespace) -> {
            String network = NetworkNames.namespace(stack.stack(), name);
            changes.add(ensure(new Address(Address.Kind.namespace, name), network, name,
                    reachableByCluster.getOrDefault(namespace.cluster(), List.of()), hostsWith(observed, network)));
        });

        Map<Address, List<ObservedNetwork>> leftovers = new TreeMap<>();
        for (ObservedNetwork network : observed.networks()) {
            owner(network, clusterOfHost).filter(owner -> !declares(stack, owner)).ifPresent(owner ->
                    leftovers.computeIfAbsent(owner, a -> new ArrayList<>()).add(network));
        }
        leftovers.forEach((address, networks) -> {
            List<HostRef> hosts = networks.stream().map(n -> new HostRef(clusterOfHost.get(n.host()), n.host()))
                    .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
            String name = networks.getFirst().name();
            changes.add(new PlannedChange(address, Action.delete, List.of(),
                    List.of(Reason.of(ReasonCode.NETWORK_UNDECLARED, "network", name, "hosts", names(hosts))),
                    new NetworkDetail(name, networks.getFirst().namespace(), hosts)));
        });
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

    /** By name: another network that merely carries the stack's label is not the one tasks attach to. */
    private static Set<String> hostsWith(ObservedState observed, String network) {
        return observed.networks().stream()
                .filter(n -> network.equals(n.name()))
                .map(ObservedNetwork::host)
                .collect(Collectors.toSet());
    }

    private static PlannedChange ensure(Address address, String network, String namespace, List<HostRef> hosts,
                                        Set<String> having) {
        List<HostRef> missing = hosts.stream().filter(h -> !having.contains(h.host())).toList();
        if (missing.isEmpty()) {
            return PlannedChange.noop(address);
        }
        return new PlannedChange(address, Action.create, List.of(),
                List.of(Reason.of(ReasonCode.NETWORK_MISSING, "network", network, "hosts", names(missing))),
                new NetworkDetail(network, namespace, missing));
    }

    private static List<String> names(List<HostRef> hosts) {
        return hosts.stream().map(HostRef::host).distinct().toList();
    }
}
