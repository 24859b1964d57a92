package dev.berth.applier.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.EngineJson;
import dev.berth.planner.observed.BerthLabels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates and removes the user-defined bridge networks of a stack on a host. User-defined, because
 * only there does Docker's embedded DNS resolve container names and network aliases.
 */
public final class StackNetworks {
    private static final String DRIVER = "bridge";
    /** How long a removed container's endpoint may linger on its network. */
    private static final Duration ENDPOINT_RELEASE = Duration.ofSeconds(2);

    private final DockerClients clients;

    public StackNetworks(DockerClients clients) {
        this.clients = clients;
    }

    /**
     * Creates the network on the host, for a namespace or (null) as the stack network; one that is
     * there already as the stack's is left as it is.
     */
    public void create(ClusterHost host, String stack, String network, String namespace) {
        create(clients.client(host.endpoint()), host, network, labels(host, stack, namespace));
    }

    /**
     * Removes the network when it carries the stack's label; a network that is gone already, or that
     * is not the stack's, is left as it is (and the latter reported).
     *
     * @return whether a network was removed
     * @throws IllegalStateException when the network exists but is not the stack's
     */
    public boolean remove(ClusterHost host, String stack, String networkName) {
        DockerClient client = clients.client(host.endpoint());
        Network network;
        try {
            network = client.inspectNetworkCmd().withNetworkId(networkName).exec();
        } catch (NotFoundException gone) {
            return false;
        }
        Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
        if (!stack.equals(labels.get(BerthLabels.STACK)) || !BerthLabels.KIND_NETWORK.equals(labels.get(BerthLabels.KIND))) {
            throw new IllegalStateException("network " + networkName + " on host " + host.name()
                    + " is not a network of stack " + stack + "; left alone");
        }
        return removeById(client, network.getId());
    }

    /**
     * Removes a network once the containers just removed have let go of it: the engine may count a
     * removed container's endpoint for a moment after it answered the remove. A container that
     * still exists keeps the network, and is named.
     *
     * @return false when the network was gone already
     * @throws IllegalStateException when a container still uses the network
     * @throws StaleEndpoints        when the engine keeps counting endpoints that no container has
     */
    public static boolean removeById(DockerClient client, String networkId) {
        long deadline = System.nanoTime() + ENDPOINT_RELEASE.toNanos();
        while (true) {
            try {
                client.removeNetworkCmd(networkId).exec();
                return true;
            } catch (NotFoundException gone) {
                return false;
            } catch (DockerException inUse) {
                if (inUse.getHttpStatus() != 403 || !String.valueOf(inUse.getMessage()).contains("active endpoints")) {
                    throw inUse;
                }
                List<String> users = users(client, networkId);
                if (!users.isEmpty()) {
                    throw new IllegalStateException("still used by container " + String.join(", ", users)
                            + ", which berth leaves alone");
                }
                if (System.nanoTime() > deadline) {
                    throw new StaleEndpoints();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw inUse;
                }
            }
        }
    }

    /**
     * The engine refuses to remove a network for endpoints no container has. Seen with Docker 20.10
     * after a client was killed while the engine started a container on the network; only an
     * engine restart clears the count.
     */
    public static final class StaleEndpoints extends IllegalStateException {
        StaleEndpoints() {
            super("the engine still counts endpoints on it that no container has (a Docker engine miscount, "
                    + "cleared when the engine restarts); left in place");
        }
    }

    /** The containers attached to the network that still exist, by name. */
    private static List<String> users(DockerClient client, String networkId) {
        Network network;
        try {
            network = client.inspectNetworkCmd().withNetworkId(networkId).exec();
        } catch (NotFoundException gone) {
            return List.of();
        }
        List<String> users = new ArrayList<>();
        Map<String, Network.ContainerNetworkConfig> attached = network.getContainers() == null ? Map.of()
                : network.getContainers();
        attached.forEach((id, endpoint) -> {
            try {
                client.inspectContainerCmd(id).exec();
                users.add(endpoint.getName() == null ? id : endpoint.getName());
            } catch (NotFoundException removed) {
                // Removed: its endpoint is about to go.
            }
        });
        return users;
    }

    private static void create(DockerClient client, ClusterHost host, String name, Map<String, String> labels) {
        try {
            EngineJson.of(client).createNetwork(name, DRIVER, labels);
        } catch (ConflictException raced) {
            // Another apply created it between the list and the create; only a foreign one is a problem.
            Map<String, String> found = EngineJson.of(client).inspectNetwork(name)
                    .map(network -> EngineJson.stringMap(network.path("Labels"))).orElse(Map.of());
            if (!labels.get(BerthLabels.STACK).equals(found.get(BerthLabels.STACK))) {
                throw new IllegalStateException("network " + name + " on host " + host.name()
                        + " exists but does not belong to stack " + labels.get(BerthLabels.STACK), raced);
            }
        }
    }

    private static Map<String, String> labels(ClusterHost host, String stack, String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(BerthLabels.STACK, stack);
        labels.put(BerthLabels.KIND, BerthLabels.KIND_NETWORK);
        labels.put(BerthLabels.CLUSTER, host.cluster());
        if (namespace != null) {
            labels.put(BerthLabels.NAMESPACE, namespace);
        }
        return labels;
    }
}
