package dev.berth.applier.destroy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.berth.planner.observed.BerthLabels.KIND;
import static dev.berth.planner.observed.BerthLabels.KIND_LOAD_BALANCER;
import static dev.berth.planner.observed.BerthLabels.KIND_NETWORK;
import static dev.berth.planner.observed.BerthLabels.KIND_REVISION;
import static dev.berth.planner.observed.BerthLabels.KIND_TASK;
import static dev.berth.planner.observed.BerthLabels.STACK;
import static dev.berth.planner.observed.BerthLabels.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class StackDestroyerTest {
    private final DockerClients clients = new DockerClients();
    private final StackDestroyer destroyer = new StackDestroyer(clients, new ClusterHosts(System.getenv()));
    private DockerClient docker;
    private LabelledObjects objects;

    @BeforeEach
    void setUp() {
        docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
        objects = new LabelledObjects(docker);
    }

    @AfterEach
    void tearDown() {
        try (clients) {
            objects.close();
        }
    }

    private Stack stack(Map<String, Cluster> clusters) {
        return new Stack(1, objects.stack(), null, clusters, null, null, null, null);
    }

    private Stack localStack() {
        return stack(Map.of("main", new Cluster(List.of())));
    }

    private String name(String id) {
        return docker.inspectContainerCmd(id).exec().getName().substring(1);
    }

    private boolean containerExists(String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private boolean volumeExists(String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Test
    void removesExactlyTheStacksContainersAndNetworksAndKeepsItsVolumesUnlessAsked() {
        String running = objects.runContainer(objects.stackLabels(KIND, KIND_TASK, TASK, "t1"), c -> c);
        String exited = objects.runToExit(objects.stackLabels(KIND, KIND_TASK, TASK, "t2"), c -> c.withCmd("true"));
        String balancer = objects.runContainer(objects.stackLabels(KIND, KIND_LOAD_BALANCER), c -> c);
        String network = objects.stack() + "-net";
        objects.createNetwork(network, objects.stackLabels(KIND, KIND_NETWORK));
        String taskVolume = objects.stack() + "-data";
        objects.createVolume(taskVolume, objects.stackLabels());
        String record = "berth." + objects.stack() + ".taskdef.web.1";
        objects.createVolume(record, objects.stackLabels(KIND, KIND_REVISION));
        String otherStacks = objects.runContainer(Map.of(STACK, objects.stack() + "-other", KIND, KIND_TASK), c -> c);
        // Named like the stack's objects but without its label: not the stack's.
        String unlabelled = objects.createContainer(Map.of(), c -> c.withName(objects.stack() + "-web-1"));
        List<String> taskNames = List.of(name(running), name(exited));
        String balancerName = name(balancer);

        DestroyReport kept = destroyer.destroy(localStack(), false);

        HostRemoval host = kept.hosts().getFirst();
        assertEquals("main/local", host.host());
        assertEquals(taskNames.stream().sorted().toList(), host.tasks().stream().sorted().toList());
        assertEquals(List.of(balancerName), host.loadBalancers());
        assertEquals(List.of(network), host.networks());
        assertEquals(List.of(), host.volumes());
        assertEquals(List.of(), host.failures());
        assertTrue(kept.complete());
        assertFalse(containerExists(running) || containerExists(exited) || containerExists(balancer));
        assertTrue(containerExists(otherStacks) && containerExists(unlabelled));
        assertTrue(volumeExists(taskVolume) && volumeExists(record));
        assertThrows(NotFoundException.class, () -> docker.inspectNetworkCmd().withNetworkId(network).exec());

        DestroyReport withVolumes = destroyer.destroy(localStack(), true);

        assertEquals(List.of(taskVolume), withVolumes.hosts().getFirst().volumes());
        assertEquals(List.of(record), withVolumes.hosts().getFirst().revisionRecords());
        assertFalse(volumeExists(taskVolume) || volumeExists(record));
        assertTrue(containerExists(otherStacks) && containerExists(unlabelled));
    }

    @Test
    void aTaskIsGivenItsOwnStopTimeoutBeforeItIsKilledAndTasksStopTogether() {
        // sleep as PID 1 ignores SIGTERM, so each task lasts its full stop timeout.
        objects.runContainer(objects.stackLabels(KIND, KIND_TASK, TASK, "t1"), c -> c.withStopTimeout(2));
        objects.runContainer(objects.stackLabels(KIND, KIND_TASK, TASK, "t2"), c -> c.withStopTimeout(2));

        long started = System.nanoTime();
        DestroyReport report = destroyer.destroy(localStack(), false);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(2, report.hosts().getFirst().tasks().size());
        assertTrue(seconds >= 2 && seconds < 3.9, "took " + seconds + " s");
    }

    @Test
    void anUnreachableHostIsReportedAndTheOthersAreStillCleared() {
        String task = objects.runContainer(objects.stackLabels(KIND, KIND_TASK, TASK, "t1"), c -> c);

        DestroyReport report = destroyer.destroy(stack(Map.of("main", new Cluster(List.of()),
                "far", new Cluster(List.of(new Host("f1", "tcp://127.0.0.1:1", null, null, null, null))))), false);

        assertEquals(Map.of("far/f1", "connection refused"), report.unreachable());
        assertFalse(report.complete());
        assertFalse(containerExists(task));
    }
}
