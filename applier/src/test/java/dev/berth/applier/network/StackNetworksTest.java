package dev.berth.applier.network;

import com.github.dockerjava.api.model.Network;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.planner.network.NetworkNames;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class StackNetworksTest {
    private static final ClusterHost HOST = new ClusterHost("main", "local", DockerEndpoint.defaultEndpoint(System.getenv()));

    @Test
    void createMakesLabelledNetworksOnceAndRemoveTakesOnlyTheStacks() {
        try (DockerClients clients = new DockerClients()) {
            var client = clients.client(HOST.endpoint());
            try (LabelledObjects objects = new LabelledObjects(client)) {
                String stack = objects.stack();
                StackNetworks networks = new StackNetworks(clients);
                try {
                    for (int twice = 0; twice < 2; twice++) {
                        networks.create(HOST, stack, NetworkNames.stack(stack), null);
                        networks.create(HOST, stack, NetworkNames.namespace(stack, "internal"), "internal");
                    }
                    Map<String, Map<String, String>> found = new TreeMap<>();
                    for (Network network : client.listNetworksCmd()
                            .withFilter("label", List.of(BerthLabels.STACK + "=" + stack)).exec()) {
                        found.put(network.getName(), network.getLabels());
                    }
                    assertEquals(Map.of(
                            NetworkNames.stack(stack), Map.of(BerthLabels.STACK, stack, BerthLabels.KIND, "network",
                                    BerthLabels.CLUSTER, "main"),
                            NetworkNames.namespace(stack, "internal"), Map.of(BerthLabels.STACK, stack,
                                    BerthLabels.KIND, "network", BerthLabels.CLUSTER, "main", BerthLabels.NAMESPACE, "internal")),
                            found);

                    String foreign = stack + "-foreign";
                    objects.createNetwork(foreign, Map.of(BerthLabels.STACK, stack + "x", BerthLabels.KIND, "network"));
                    assertThrows(IllegalStateException.class, () -> networks.remove(HOST, stack, foreign));
                    assertTrue(networks.remove(HOST, stack, NetworkNames.namespace(stack, "internal")));
                    assertFalse(networks.remove(HOST, stack, NetworkNames.namespace(stack, "internal")));
                } finally {
                    networks.remove(HOST, stack, NetworkNames.stack(stack));
                    networks.remove(HOST, stack, NetworkNames.namespace(stack, "internal"));
                }
            }
        }
    }
    @Test
    void aNetworkGoesAsSoonAsItsRemovedContainersLetGoButOneStillInUseStaysAndTheUserIsNamed() {
        try (DockerClients clients = new DockerClients()) {
            var client = clients.client(HOST.endpoint());
            try (LabelledObjects objects = new LabelledObjects(client)) {
                // Removed at once after its running containers, as destroy does: the engine may
                // still count their endpoints for a moment.
                for (int round = 0; round < 3; round++) {
                    String network = objects.createNetwork(objects.stack() + "-" + round, Map.of());
                    List<String> tasks = List.of(1, 2, 3).stream().map(n -> objects.runContainer(Map.of(),
                            c -> c.withHostConfig(c.getHostConfig().withNetworkMode(network))))
                            .toList();
                    tasks.forEach(id -> client.removeContainerCmd(id).withForce(true).exec());
                    assertTrue(StackNetworks.removeById(client, network));
                    assertFalse(StackNetworks.removeById(client, network), "gone already");
                }

                String used = objects.createNetwork(objects.stack() + "-used", Map.of());
                String user = objects.runContainer(Map.of(),
                        c -> c.withName(objects.stack() + "-someone")
                                .withHostConfig(c.getHostConfig().withNetworkMode(used)));
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> StackNetworks.removeById(client, used));
                assertEquals("still used by container " + objects.stack() + "-someone, which berth leaves alone",
                        refused.getMessage());
                assertEquals("running", client.inspectContainerCmd(user).exec().getState().getStatus());
                client.removeContainerCmd(user).withForce(true).exec();
            }
        }
    }
}
