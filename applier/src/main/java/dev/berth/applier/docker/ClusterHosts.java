package dev.berth.applier.docker;

import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves clusters to the engines behind them: the declared hosts, or for a cluster that declares
 * none, one implicit host named {@value #IMPLICIT_HOST} at the endpoint the docker CLI would use.
 */
public final class ClusterHosts {
    public static final String IMPLICIT_HOST = "local";

    private final Map<String, String> env;

    /** @param env the process environment (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONFIG, HOME) */
    public ClusterHosts(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public List<ClusterHost> of(String clusterName, Cluster cluster) {
        if (cluster.hosts().isEmpty()) {
            return List.of(new ClusterHost(clusterName, IMPLICIT_HOST, DockerEndpoint.defaultEndpoint(env)));
        }
        List<ClusterHost> hosts = new ArrayList<>();
        for (Host host : cluster.hosts()) {
            ClusterHost resolved = new ClusterHost(clusterName, host.name(), endpoint(host));
            hosts.add(host.address() == null ? resolved
                    : new ClusterHost(clusterName, host.name(), resolved.endpoint(), host.address()));
        }
        return List.copyOf(hosts);
    }

    /**
     * The engine of a declared host: its endpoint, or its Docker context's.
     *
     * @throws IllegalArgumentException for an endpoint berth cannot use or a context that is not there
     */
    public DockerEndpoint endpoint(Host host) {
        return host.context() != null ? DockerContexts.named(host.context(), env)
                : DockerEndpoint.parse(host.endpoint(), env);
    }

    /**
     * The hosts grouped by the engine behind them, in first-seen order: an engine that several
     * clusters name is one engine to observe, lock or write to.
     */
    public static Map<DockerEndpoint, List<ClusterHost>> byEngine(List<ClusterHost> hosts) {
        Map<DockerEndpoint, List<ClusterHost>> byEngine = new LinkedHashMap<>();
        for (ClusterHost host : hosts) {
            byEngine.computeIfAbsent(host.endpoint(), e -> new ArrayList<>()).add(host);
        }
        return byEngine;
    }

    /** "main/a, edge/a": how a report names one engine. */
    public static String names(List<ClusterHost> sharers) {
        return String.join(", ", sharers.stream().map(h -> h.cluster() + "/" + h.name()).toList());
    }

    /** Every host of every cluster of the stack, in declaration order. */
    public List<ClusterHost> of(Stack stack) {
        List<ClusterHost> hosts = new ArrayList<>();
        stack.clusters().forEach((name, cluster) -> hosts.addAll(of(name, cluster)));
        return List.copyOf(hosts);
    }
}
