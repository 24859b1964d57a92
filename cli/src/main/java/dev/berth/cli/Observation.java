package dev.berth.cli;

import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.observe.StackObserver;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Stack;

/** Reads what runs on a stack's hosts, with the endpoints the environment names. */
final class Observation {
    private Observation() {
    }

    /** For commands that only read: opens the engines' clients for this one observation. */
    static ObservedState of(Stack canonical) {
        try (DockerClients clients = new DockerClients()) {
            return of(canonical, clients);
        }
    }

    static ObservedState of(Stack canonical, DockerClients clients) {
        return new StackObserver(clients, new ClusterHosts(System.getenv())).observe(canonical);
    }
}
