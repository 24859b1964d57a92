package dev.berth.schema.validation;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

import java.util.List;

import static dev.berth.schema.source.SourceMap.child;

/** Namespaces and load balancers name a declared cluster; a load balancer's host is a host of it. */
final class ClusterMemberReferenceCheck implements SemanticCheck {

    @Override
    public void check(Stack stack, SourceMap positions, Diagnostics out) {
        stack.namespaces().forEach((name, namespace) -> References.resolve("namespace \"" + name + "\"", "cluster",
                namespace.cluster(), stack.clusters().keySet(), "",
                positions.value(child(StackPointers.namespace(name), "cluster")), out));
        stack.loadBalancers().forEach((name, balancer) -> checkLoadBalancer(stack, name, balancer, positions, out));
    }

    private static void checkLoadBalancer(Stack stack, String name, LoadBalancer balancer, SourceMap positions,
                                          Diagnostics out) {
        String at = StackPointers.loadBalancer(name);
        String owner = "load balancer \"" + name + "\"";
        if (!References.resolve(owner, "cluster", balancer.cluster(), stack.clusters().keySet(), "",
                positions.value(child(at, "cluster")), out)) {
            return;
        }
        Cluster cluster = stack.clusters().get(balancer.cluster());
        // a cluster without hosts is the local Docker daemon, which has no host names to match
        if (cluster.hosts().isEmpty()) {
            return;
        }
        List<String> names = cluster.hosts().stream().map(Host::name).toList();
        String scope = " in cluster \"" + balancer.cluster() + "\"";
        if (balancer.host() != null) {
            References.resolve(owner, "host", balancer.host(), names, scope, positions.value(child(at, "host")), out);
        }
        for (int i = 0; i < balancer.hosts().size(); i++) {
            References.resolve(owner, "host", balancer.hosts().get(i), names, scope,
                    positions.value(child(at, "hosts", i)), out);
        }
        checkAddresses(name, balancer, cluster, stack, positions, out);
    }

    /**
     * A load balancer forwards to tasks on every host of its cluster by their host's address; a
     * host reached through a unix socket has none berth can tell, unless the stack gives it.
     */
    private static void checkAddresses(String name, LoadBalancer balancer, Cluster cluster, Stack stack,
                                       SourceMap positions, Diagnostics out) {
        boolean registered = stack.services().values().stream().anyMatch(service -> service.loadBalancers().stream()
                .anyMatch(target -> name.equals(target.loadBalancerName())));
        List<String> lbHosts = !balancer.hosts().isEmpty() ? balancer.hosts()
                : List.of(balancer.host() != null ? balancer.host() : cluster.hosts().getFirst().name());
        if (!registered || cluster.hosts().size() < 2) {
            return;
        }
        String clusterAt = StackPointers.cluster(balancer.cluster());
        for (int i = 0; i < cluster.hosts().size(); i++) {
            Host host = cluster.hosts().get(i);
            boolean onlyLocal = lbHosts.size() == 1 && lbHosts.contains(host.name());
            if (!onlyLocal && host.address() == null && host.endpoint() != null && host.endpoint().startsWith("unix:")) {
                out.error(positions.value(child(clusterAt, "hosts", i, "endpoint")), "host \"" + host.name()
                        + "\" of cluster \"" + balancer.cluster() + "\" needs an address: load balancer \"" + name
                        + "\" forwards to its tasks from another host, and a unix socket does not say where that host "
                        + "is reached (address: 10.0.0.12)");
            }
        }
    }
}
