package dev.berth.applier.task;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.network.StackNetworks;
import dev.berth.planner.network.NetworkNames;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.schema.canonical.CanonicalJson;
import dev.berth.schema.canonical.Canonicalizer;
import dev.berth.schema.model.Stack;
import dev.berth.schema.model.TaskDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One test's stack on the local engine: its networks, a runtime, task specs from JSON, and removal
 * of everything labelled with the stack (which is unique to the test) afterwards.
 */
final class TaskFixture implements AutoCloseable {
    static final ClusterHost HOST = new ClusterHost("main", "local", DockerEndpoint.defaultEndpoint(System.getenv()));

    final DockerClients clients = new DockerClients();
    final DockerClient client = clients.client(HOST.endpoint());
    final LabelledObjects objects = new LabelledObjects(client);
    final String stack = objects.stack();

    TaskFixture(String... namespaces) {
        StackNetworks networks = new StackNetworks(clients);
        networks.create(HOST, stack, NetworkNames.stack(stack), null);
        for (String namespace : namespaces) {
            networks.create(HOST, stack, NetworkNames.namespace(stack, namespace), namespace);
        }
    }

    DockerTaskRuntime runtime(Map<String, String> environment) {
        return new DockerTaskRuntime(clients, new SecretResolver(environment), DockerTaskRuntime.DEFAULT_PERMITS_PER_HOST);
    }

    /** A task of {@code service} from a task definition written as ECS JSON, canonicalized as the planner would. */
    TaskSpec task(String service, String namespace, String taskId, String json) {
        TaskDefinition declared = CanonicalJson.read(json, TaskDefinition.class);
        Stack canonical = Canonicalizer.canonicalize(new Stack(1, stack, null, null, null, Map.of(service, declared), null, null));
        return new TaskSpec(stack, HOST, service, service, 1, "sha256:test", taskId,
                canonical.taskDefinitions().get(service), namespace,
                namespace == null ? List.of() : List.of(service, service + "." + namespace), 1);
    }

    List<Container> containers(String taskId) {
        return client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack, BerthLabels.TASK, taskId)).exec();
    }

    Set<String> volumes(String taskId) {
        List<InspectVolumeResponse> volumes = client.listVolumesCmd()
                .withFilter("label", List.of(BerthLabels.STACK + "=" + stack, BerthLabels.TASK + "=" + taskId))
                .exec().getVolumes();
        return volumes == null ? Set.of() : Set.copyOf(volumes.stream().map(InspectVolumeResponse::getName).toList());
    }

    /** Runs a helper container of the test on a network until it exits; returns its exit code. */
    long runOn(String network, String script) {
        String id = objects.runToExit(objects.stackLabels("berth.test-helper", "true"), create -> create
                .withCmd("sh", "-c", script)
                .withHostConfig(create.getHostConfig().withNetworkMode(network)));
        return client.inspectContainerCmd(id).exec().getState().getExitCodeLong();
    }

    @Override
    public void close() {
        objects.close();
        String label = BerthLabels.STACK + "=" + stack;
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, stack)).exec()) {
            client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        List<InspectVolumeResponse> volumes = client.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            client.removeVolumeCmd(volume.getName()).exec();
        }
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(label)).exec()) {
            StackNetworks.removeById(client, network.getId());
        }
        clients.close();
    }
}
