package dev.berth.applier.destroy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.agent.install.InstalledAgents;
import dev.berth.applier.concurrent.Fanout;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.GracefulStop;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.docker.EngineFailures;
import dev.berth.applier.docker.EngineJson;
import dev.berth.applier.observe.ApplyRecords;
import dev.berth.applier.observe.RestartRecords;
import dev.berth.applier.observe.ScaleRecords;
import dev.berth.applier.network.StackNetworks;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.model.Stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes everything a stack owns from its hosts: its installed agents first (so none of them
 * repairs what goes next), task containers (stopped first, each within its own stop timeout, all at
 * once), load balancer containers, networks and, when asked, volumes, revision records included. Objects are found only by the {@code berth.stack} label, never by name, so
 * nothing another stack or a person made is touched. The lock container is not stack content: its
 * holder (the caller) releases it.
 */
public final class StackDestroyer {
    private final DockerClients clients;
    private final ClusterHosts clusterHosts;

    public StackDestroyer(DockerClients clients, ClusterHosts clusterHosts) {
        this.clients = clients;
        this.clusterHosts = clusterHosts;
    }

    /** @param volumes also remove the stack's volumes, and with them its task definition history */
    public DestroyReport destroy(Stack stack, boolean volumes) {
        Map<DockerEndpoint, List<ClusterHost>> engines = ClusterHosts.byEngine(clusterHosts.of(stack));
        List<HostRemoval> removals = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (var attempt : Fanout.attempt(engines.entrySet(), engine ->
                new EngineCleanup(clients.client(engine.getKey()), stack.stack(), ClusterHosts.names(engine.getValue()))
                        .run(volumes))) {
            if (attempt.ok()) {
                removals.add(attempt.value());
            } else {
                unreachable.put(ClusterHosts.names(attempt.item().getValue()), EngineFailures.describe(attempt.failure()));
            }
        }
        return new DestroyReport(stack.stack(), removals, unreachable);
    }

    /**
     * One engine's share. Listing fails when the engine does not answer (the host is unreachable);
     * a single object that cannot be removed is a failure of that object only.
     */
    private record EngineCleanup(DockerClient client, String stack, String host) {
        HostRemoval run(boolean volumes) {
            Map<String, String> stackLabel = Map.of(BerthLabels.STACK, stack);
            List<Container> containers = client.listContainersCmd().withShowAll(true).withLabelFilter(stackLabel).exec();
            List<String> failures = new ArrayList<>();
            List<String> agents = removeAgents(ofKind(containers, BerthLabels.KIND_AGENT), failures);
            List<String> tasks = removeContainers(ofKind(containers, BerthLabels.KIND_TASK), volumes, failures);
            List<String> loadBalancers = removeContainers(ofKind(containers, BerthLabels.KIND_LOAD_BALANCER), volumes,
                    failures);
            List<String> networks = removeNetworks(failures);
            List<String> taskVolumes = new ArrayList<>();
            List<String> revisionRecords = new ArrayList<>();
            if (volumes) {
                removeVolumes(taskVolumes, revisionRecords, failures);
            } else {
                forgetApplied(failures);
            }
            return new HostRemoval(host, agents, tasks, loadBalancers, networks, taskVolumes, revisionRecords,
                    failures);
        }

        private static List<Container> ofKind(List<Container> containers, String kind) {
            return containers.stream()
                    .filter(c -> c.getLabels() != null && kind.equals(c.getLabels().get(BerthLabels.KIND)))
                    .toList();
        }

        /** Stops all at once, so the slowest stop timeout bounds the wait rather than their sum. */
        private List<String> removeContainers(List<Container> containers, boolean volumes, List<String> failures) {
            List<String> removed = new ArrayList<>();
            for (var attempt : Fanout.attempt(containers, container -> {
                stopAndRemove(container.getId(), volumes);
                return name(container);
            })) {
                if (attempt.ok()) {
                    removed.add(attempt.value());
                } else {
                    failures.add("container " + name(attempt.item()) + ": " + EngineFailures.describe(attempt.failure()));
                }
            }
            return removed;
        }

        /** Stopped as docker stop does, so each lets its leader lease go; their image goes once unused. */
        private List<String> removeAgents(List<Container> agents, List<String> failures) {
            List<String> removed = new ArrayList<>();
            for (Container agent : agents) {
                try {
                    InstalledAgents.remove(client, agent);
                    removed.add(name(agent));
                } catch (RuntimeException failure) {
                    failures.add("container " + name(agent) + ": " + EngineFailures.describe(failure));
                }
            }
            return removed;
        }

        /** Force-removal kills whatever the stop timeout did not end. */
        private void stopAndRemove(String id, boolean volumes) {
            new GracefulStop(client).stop(id);
            EngineJson.of(client).removeContainer(id, volumes);
        }

        private List<String> removeNetworks(List<String> failures) {
            List<String> removed = new ArrayList<>();
            List<Network> networks = client.listNetworksCmd()
                    .withFilter("label", List.of(BerthLabels.STACK + "=" + stack)).exec();
            for (Network network : networks) {
                try {
                    StackNetworks.removeById(client, network.getId());
                    removed.add(network.getName());
                } catch (RuntimeException failure) {
                    failures.add("network " + network.getName() + ": " + EngineFailures.describe(failure));
                }
            }
            return removed;
        }

        /**
         * The records of the last apply and of the agent go even when volumes stay: an agent must
         * not bring the stack back, and the next apply starts from the stack's desiredCount.
         */
        private void forgetApplied(List<String> failures) {
            try {
                ApplyRecords.remove(stack, client);
                ScaleRecords.remove(stack, client);
                RestartRecords.remove(stack, client);
            } catch (RuntimeException failure) {
                failures.add("apply record: " + EngineFailures.describe(failure));
            }
        }

        private void removeVolumes(List<String> taskVolumes, List<String> revisionRecords, List<String> failures) {
            for (EngineJson.Volume volume : EngineJson.of(client).listVolumes(List.of(BerthLabels.STACK + "=" + stack))) {
                boolean record = BerthLabels.KIND_REVISION.equals(volume.labels().get(BerthLabels.KIND));
                try {
                    EngineJson.of(client).removeVolume(volume.name());
                    (record ? revisionRecords : taskVolumes).add(volume.name());
                } catch (RuntimeException failure) {
                    failures.add("volume " + volume.name() + ": " + EngineFailures.describe(failure));
                }
            }
        }

        private static String name(Container container) {
            String[] names = container.getNames();
            if (names == null || names.length == 0) {
                return container.getId().substring(0, 12);
            }
            return names[0].startsWith("/") ? names[0].substring(1) : names[0];
        }
    }
}
