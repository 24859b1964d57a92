package dev.berth.applier.observe;

import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson.Volume;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.schema.environment.EnvironmentFiles;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final EnvironmentFiles files;

    public StackObserver(DockerClients clients, ClusterHosts clusterHosts) {
        this(clients, clusterHosts, EnvironmentFiles.NONE);
    }

    /** @param files what the stack's environment files give now, which each task container is compared with */
    public StackObserver(DockerClients clients, ClusterHosts clusterHosts, EnvironmentFiles files) {
        this.clients = clients;
        this.clusterHosts = clusterHosts;
        this.files = files;
    }

    public ObservedState observe(Stack stack) {
        return observeWithRecords(stack).state();
    }

    /**
     * What the hosts run, and the record volumes each engine that answered listed: an apply writes
     * its record against that listing instead of listing them again.
     */
    public Observation observeWithRecords(Stack stack) {
        return observe(stack, HostObserver.Depth.full);
    }

    /**
     * Where the stack's tasks run now, read from the engines' container lists alone (its tasks carry
     * no containers, and there are no load balancers): what an apply records after it ran.
     */
    public Observation placement(Stack stack) {
        return observe(stack, HostObserver.Depth.placement);
    }

    private Observation observe(Stack stack, HostObserver.Depth depth) {
        Map<DockerEndpoint, List<ClusterHost>> byEngine = ClusterHosts.byEngine(clusterHosts.of(stack));
        List<DockerEndpoint> endpoints = List.copyOf(byEngine.keySet());
        List<HostObservation> observations = Fanout.map(byEngine.entrySet(),
                engine -> observe(stack.stack(), engine.getKey(), engine.getValue(), depth));
        ObservedState merged = merge(stack.stack(), observations);
        Map<DockerEndpoint, List<Volume>> listed = new LinkedHashMap<>();
        for (int i = 0; i < endpoints.size(); i++) {
            if (observations.get(i).hosts().stream().allMatch(ObservedHost::reachable)) {
                listed.put(endpoints.get(i), observations.get(i).records());
            }
        }
        RecordListings records = new RecordListings(List.copyOf(listed.values()));
        return new Observation(ApplyRecords.withLost(merged, records)
                .withAgentRecords(ScaleRecords.read(records), RestartRecords.read(records)), listed);
    }

    /** @param records the stack's record volumes (not revisions) by engine, for the engines that answered */
    public record Observation(ObservedState state, Map<DockerEndpoint, List<Volume>> records) {
        public Observation {
            records = Map.copyOf(records);
        }
    }

    private HostObservation observe(String stack, DockerEndpoint endpoint, List<ClusterHost> sharers,
                                    HostObserver.Depth depth) {
        try {
            return new HostObserver(clients.client(endpoint), files).observe(stack, sharers, depth);
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
