package dev.berth.schema.validation;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.LoadBalancer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.source.Diagnostics;
import dev.berth.schema.source.SourceMap;

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
        if (balancer.host() != null && !cluster.hosts().isEmpty()) {
            References.resolve(owner, "host", balancer.host(), cluster.hosts().stream().map(Host::name).toList(),
                    " in cluster \"" + balancer.cluster() + "\"", positions.value(child(at, "host")), out);
        }
    }
}
