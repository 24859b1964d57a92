package dev.berth.applier.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.berth.applier.network.StackNetworks;
import dev.berth.planner.observed.BerthLabels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Creates Docker objects for one test under a unique stack name and removes exactly those afterwards.
 * Every object carries {@value #TEST_RUN}=&lt;run id&gt; besides the labels the test asks for, so that
 * objects posing as another stack's, or as nobody's, are cleaned up too, and nothing else is touched.
 */
public final class LabelledObjects implements AutoCloseable {
    public static final String IMAGE = "berth/busybox:1";
    public static final String TEST_RUN = "berth.test-run";

    private final DockerClient client;
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final AtomicInteger created = new AtomicInteger();

    public LabelledObjects(DockerClient client) {
        this.client = client;
        try {
            client.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException(IMAGE + " is missing; build it with scripts/build-images", e);
        }
    }

    /** The unique stack name of this test. */
    public String stack() {
        return "t" + run;
    }

    /** {@code berth.stack=<stack>} plus the given key/value pairs. */
    public Map<String, String> stackLabels(String... keysAndValues) {
        Map<String, String> labels = new HashMap<>();
        labels.put(BerthLabels.STACK, stack());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return labels;
    }

    /**
     * Creates (not starts) a container of {@link #IMAGE} that sleeps, with the labels; {@code settings}
     * may change anything else (command, env, host config).
     */
    public String createContainer(Map<String, String> labels, UnaryOperator<CreateContainerCmd> settings) {
        CreateContainerCmd create = client.createContainerCmd(IMAGE)
                .withName(stack() + "-" + created.incrementAndGet())
                .withCmd("sleep", "3600")
                // Zero stop timeout: removal after the test need not wait for sleep to handle SIGTERM.
                .withStopTimeout(0);
        return settings.apply(create).withLabels(withRun(labels)).exec().getId();
    }

    public String runContainer(Map<String, String> labels, UnaryOperator<CreateContainerCmd> settings) {
        String id = createContainer(labels, settings);
        client.startContainerCmd(id).exec();
        return id;
    }

    /** Runs a container whose command ends and waits until it has exited. */
    public String runToExit(Map<String, String> labels, UnaryOperator<CreateContainerCmd> settings) {
        String id = runContainer(labels, settings);
        client.waitContainerCmd(id).start().awaitStatusCode();
        return id;
    }

    public void createVolume(String name, Map<String, String> labels) {
        client.createVolumeCmd().withName(name).withLabels(withRun(labels)).exec();
    }

    public String createNetwork(String name, Map<String, String> labels) {
        return client.createNetworkCmd().withName(name).withLabels(withRun(labels)).exec().getId();
    }

    private Map<String, String> withRun(Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(TEST_RUN, run);
        return all;
    }

    @Override
    public void close() {
        String filter = TEST_RUN + "=" + run;
        for (Container container : client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(TEST_RUN, run)).exec()) {
            client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        List<InspectVolumeResponse> volumes = client.listVolumesCmd().withFilter("label", List.of(filter)).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            client.removeVolumeCmd(volume.getName()).exec();
        }
        for (Network network : client.listNetworksCmd().withFilter("label", List.of(filter)).exec()) {
            StackNetworks.removeById(client, network.getId());
        }
    }
}
