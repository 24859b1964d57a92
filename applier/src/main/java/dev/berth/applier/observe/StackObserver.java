package dev.berth.applier.observe;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Observes every host of every cluster of a stack at once. A host that cannot be read is reported
 * unreachable with the reason, and its objects are left out (unknown, not absent), except the tasks
 * the last apply recorded there ({@link ApplyRecords}), which the plan reports lost; the others are
 * still observed. An engine named by several clusters is read once.
 */
public final class StackObserver {
    private final DockerClients clients;
    private final ClusterHosts clusterHosts;

    public StackObserver(DockerClients clients, ClusterHosts clusterHosts) {
        this.clients = clients;
        this.clusterHosts = clusterHosts;
    }

    public ObservedState observe(Stack stack) {
        Map<DockerEndpoint, List<ClusterHost>> byEngine = ClusterHosts.byEngine(clusterHosts.of(stack));
        List<HostObservation> observations = Fanout.map(byEngine.entrySet(),
                engine -> observe(stack.stack(), engine.getKey(), engine.getValue()));
        ObservedState merged = merge(stack.stack(), observations);
        RecordListings records = new RecordListings(observations.stream()
                .filter(o -> o.hosts().stream().allMatch(ObservedHost::reachable)).map(HostObservation::records)
                .toList());
        return ApplyRecords.withLost(merged, records)
                .withAgentRecords(ScaleRecords.read(records), RestartRecords.read(records));
    }

    private HostObservation observe(String stack, DockerEndpoint endpoint, List<ClusterHost> sharers) {
        try {
            return new HostObserver(clients.client(endpoint)).observe(stack, sharers);
        } catch (RuntimeException failure) {
            return HostObservation.unreachable(sharers, EngineFailures.describe(failure));
        }
    }

    private static ObservedState merge(String stack, List<HostObservation> observations) {
        List<HostRevision> copies = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (HostObservation observation : observations) {
            copies.addAll(observation.revisions());
            warnings.addAll(observation.warnings());
        }
        RevisionHistory history = RevisionHistory.merge(copies);
        warnings.addAll(history.warnings());
        return new ObservedState(stack,
                observations.stream().flatMap(o -> o.hosts().stream()).toList(),
                observations.stream().flatMap(o -> o.tasks().stream()).toList(),
                history.revisions(),
                observations.stream().flatMap(o -> o.networks().stream()).toList(),
                observations.stream().flatMap(o -> o.loadBalancers().stream()).toList(),
                warnings, List.of(), List.of());
    }
}
