package dev.berth.schema.model;

import java.util.List;

/** A pool of Docker hosts. No hosts means DOCKER_HOST, else the local socket. */
public record Cluster(List<Host> hosts) {
    public Cluster {
        hosts = Immutable.list(hosts);
    }
}
