package dev.berth.applier.destroy;

import java.util.List;

/**
 * What destroy removed from one engine, by Docker name.
 *
 * @param host            the cluster hosts that name the engine ("main/a")
 * @param agents          the stack's agent containers ({@code berth agent --install})
 * @param revisionRecords revision volumes removed: that much task definition history is gone
 * @param failures        objects that could not be removed, with the engine's reason
 */
public record HostRemoval(String host, List<String> agents, List<String> tasks, List<String> loadBalancers,
                          List<String> networks, List<String> volumes, List<String> revisionRecords,
                          List<String> failures) {
    public HostRemoval {
        agents = List.copyOf(agents);
        tasks = List.copyOf(tasks);
        loadBalancers = List.copyOf(loadBalancers);
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        revisionRecords = List.copyOf(revisionRecords);
        failures = List.copyOf(failures);
    }
}
