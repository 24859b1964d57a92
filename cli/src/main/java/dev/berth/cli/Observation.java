package dev.berth.cli;

import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.observe.StackObserver;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;

/** Reads what runs on a stack's hosts, with the endpoints the environment names. */
final class Observation {
    private Observation() {
    }

    /** For commands that only read: opens the engines' clients for this one observation. */
    static ObservedState of(Stack canonical) {
        return of(canonical, EnvironmentFiles.NONE);
    }

    /** @param files what the stack's environment files give now, which the task containers are compared with */
    static ObservedState of(Stack canonical, EnvironmentFiles files) {
        try (DockerClients clients = new DockerClients()) {
            return new StackObserver(clients, new ClusterHosts(System.getenv()), files).observe(canonical);
        }
    }
}
