package dev.berth.applier.docker;

/** A host as one cluster names it, with the engine endpoint it resolves to. */
public record ClusterHost(String cluster, String name, DockerEndpoint endpoint) {
}
