package dev.berth.applier.docker;

/**
 * A host as one cluster names it, with the engine endpoint it resolves to.
 *
 * @param address where other hosts reach its published ports: the stack's {@code address}, else the
 *                host of a tcp:// or ssh:// endpoint; null for a unix socket without one
 */
public record ClusterHost(String cluster, String name, DockerEndpoint endpoint, String address) {
    public ClusterHost(String cluster, String name, DockerEndpoint endpoint) {
        this(cluster, name, endpoint, DockerEndpoint.remoteHost(endpoint.uri()));
    }
}
