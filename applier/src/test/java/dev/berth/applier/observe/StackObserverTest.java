package dev.berth.applier.observe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ContainerConfig;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.observed.RevisionRecord;
import dev.berth.schema.model.Cluster;
import dev.berth.schema.model.Host;
import dev.berth.schema.model.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.berth.planner.observed.BerthLabels.CLUSTER;
import static dev.berth.planner.observed.BerthLabels.CONTAINER;
import static dev.berth.planner.observed.BerthLabels.FAMILY;
import static dev.berth.planner.observed.BerthLabels.KIND;
import static dev.berth.planner.observed.BerthLabels.REVISION;
import static dev.berth.planner.observed.BerthLabels.SERVICE;
import static dev.berth.planner.observed.BerthLabels.SPEC_HASH;
import static dev.berth.planner.observed.BerthLabels.TASK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RequiresDocker.class)
class StackObserverTest {
    private final DockerClients clients = new DockerClients();
    private final DockerEndpoint local = DockerEndpoint.defaultEndpoint(System.getenv());
    private final StackObserver observer = new StackObserver(clients, new ClusterHosts(System.getenv()));
    private DockerClient docker;
    private LabelledObjects objects;

    @BeforeEach
    void createStack() {
        docker = clients.client(local);
        objects = new LabelledObjects(docker);
    }

    @AfterEach
    void removeStack() {
        try (clients) {
            objects.close();
        }
    }

    private Map<String, String> taskLabels(String task, String container) {
        return objects.stackLabels(KIND, BerthLabels.KIND_TASK, SERVICE, "web", FAMILY, "web", REVISION, "2",
                SPEC_HASH, "hash-2", TASK, task, CONTAINER, container);
    }

    /** A stack whose clusters have no declared hosts, so each runs on the local engine. */
    private Stack stackOn(Map<String, Cluster> clusters) {
        return new Stack(1, objects.stack(), null, clusters, null, null, null, null);
    }

    private ObservedState observeLocal() {
        return observer.observe(stackOn(Map.of("main", new Cluster(List.of()))));
    }

    @Test
    void containersSharingATaskIdAreOneTask() {
        objects.runContainer(taskLabels("t1", "app"), c -> c);
        objects.runContainer(taskLabels("t1", "sidecar"), c -> c);
        objects.runContainer(taskLabels("t2", "app"), c -> c);

        ObservedState observed = observeLocal();

        assertEquals(List.of("t1", "t2"), observed.tasks().stream().map(ObservedTask::taskId).toList());
        ObservedTask t1 = observed.tasks().getFirst();
        assertEquals(List.of("app", "sidecar"), t1.containers().stream().map(ObservedContainer::containerName).toList());
        assertEquals(List.of("main", "local", "web", "web", 2, "hash-2"),
                List.of(t1.cluster(), t1.host(), t1.service(), t1.family(), t1.revision(), t1.specHash()));
        assertTrue(t1.running());
        ObservedHost host = observed.hosts().getFirst();
        assertTrue(host.reachable());
        assertTrue(host.info().cpus() > 0 && host.info().memoryBytes() > 0, host.toString());
        assertTrue(host.info().engineVersion().startsWith("20."), host.toString());
    }

    @Test
    void placementGivesTheSameTasksFromTheListAloneWithoutContainersOrLoadBalancers() {
        objects.runContainer(taskLabels("t1", "app"), c -> c);
        objects.runContainer(taskLabels("t1", "sidecar"), c -> c);
        objects.runToExit(taskLabels("t2", "app"), c -> c.withCmd("sh", "-c", "exit 3"));
        objects.runContainer(objects.stackLabels(KIND, BerthLabels.KIND_LOAD_BALANCER,
                BerthLabels.LOAD_BALANCER, "edge", SPEC_HASH, "lb-hash"), c -> c);
        Stack stack = stackOn(Map.of("main", new Cluster(List.of())));

        ObservedState full = observer.observe(stack);
        StackObserver.Observation placement = observer.placement(stack);

        List<ObservedTask> placed = placement.state().tasks().stream()
                .sorted(Comparator.comparing(ObservedTask::taskId)).toList();
        assertEquals(full.tasks().stream().map(t -> new ObservedTask(t.taskId(), t.cluster(), t.host(), t.service(),
                t.family(), t.revision(), t.specHash(), List.of())).toList(), placed);
        assertEquals(List.of(), placement.state().loadBalancers());
        assertEquals(1, full.loadBalancers().size());
        assertEquals(full.hosts(), placement.state().hosts());
    }

    @Test
    void stoppedContainersAreNotRunningAndKeepTheirExitCode() {
        objects.runToExit(taskLabels("crashed", "app"), c -> c.withCmd("sh", "-c", "exit 3"));
        objects.createContainer(taskLabels("never-started", "app"), c -> c);

        Map<String, ObservedContainer> byTask = new LinkedHashMap<>();
        observeLocal().tasks().forEach(t -> byTask.put(t.taskId(), t.containers().getFirst()));

        ObservedContainer crashed = byTask.get("crashed");
        assertEquals("exited", crashed.state());
        assertEquals(3, crashed.exitCode());
        assertFalse(crashed.running());
        ObservedContainer neverStarted = byTask.get("never-started");
        assertEquals("created", neverStarted.state());
        assertNull(neverStarted.exitCode());
    }

    @Test
    void aHandEditedContainerShowsItsRealConfigNotItsLabels() {
        objects.runContainer(taskLabels("edited", "app"), c -> c
                .withEnv("MODE=edited-by-hand")
                .withCmd("sleep", "1234")
                .withExposedPorts(ExposedPort.tcp(8080))
                .withHostConfig(HostConfig.newHostConfig()
                        .withMemory(64L * 1024 * 1024).withMemoryReservation(32L * 1024 * 1024).withCpuShares(512)
                        .withPortBindings(PortBinding.parse("127.0.0.1::8080"))));

        ObservedTask task = observeLocal().tasks().getFirst();
        ObservedContainer container = task.containers().getFirst();
        ContainerConfig config = container.config();

        assertEquals("hash-2", task.specHash());
        assertEquals(LabelledObjects.IMAGE, config.image());
        assertEquals(List.of("sleep", "1234"), config.command());
        assertEquals(List.of(), config.entryPoint());
        assertEquals("edited-by-hand", config.environment().get("MODE"));
        assertEquals(64L, config.memoryMiB());
        assertEquals(32L, config.memoryReservationMiB());
        assertEquals(512, config.cpuShares());
        assertEquals(1, container.ports().size(), container.ports().toString());
        assertEquals(8080, container.ports().getFirst().containerPort());
        assertTrue(container.ports().getFirst().hostPort() > 0);
    }

    @Test
    void unsetLimitsAreNullAndAnUnreadableRevisionIsZero() {
        Map<String, String> labels = taskLabels("odd", "app");
        labels.put(REVISION, "latest");
        objects.runContainer(labels, c -> c);

        ObservedTask task = observeLocal().tasks().getFirst();
        ContainerConfig config = task.containers().getFirst().config();

        assertEquals(0, task.revision());
        assertNull(config.memoryMiB());
        assertNull(config.memoryReservationMiB());
        assertNull(config.cpuShares());
    }

    @Test
    void secretValuesNeverReachTheObservedState() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        Map<String, String> labels = taskLabels("with-secret", "app");
        labels.put(BerthLabels.SECRET_NAMES, "API_TOKEN,DB_PASSWORD");
        objects.runContainer(labels, c -> c.withEnv("DB_PASSWORD=" + secret, "API_TOKEN=" + secret, "LOG_LEVEL=debug"));

        ObservedState observed = observeLocal();

        Map<String, String> environment = observed.tasks().getFirst().containers().getFirst().config().environment();
        assertEquals("debug", environment.get("LOG_LEVEL"));
        assertFalse(environment.containsKey("DB_PASSWORD") || environment.containsKey("API_TOKEN"), environment.toString());
        assertFalse(observed.toString().contains(secret));
    }

    @Test
    void objectsOfOtherStacksOrOfNoStackAreIgnored() {
        objects.runContainer(taskLabels("ours", "app"), c -> c);
        Map<String, String> otherStack = taskLabels("theirs", "app");
        otherStack.put(BerthLabels.STACK, objects.stack() + "-other");
        objects.runContainer(otherStack, c -> c);
        Map<String, String> noStack = taskLabels("nobodys", "app");
        noStack.remove(BerthLabels.STACK);
        objects.runContainer(noStack, c -> c);
        objects.createNetwork(objects.stack() + "-foreign", Map.of(BerthLabels.STACK, objects.stack() + "-other"));

        ObservedState observed = observeLocal();

        assertEquals(List.of("ours"), observed.tasks().stream().map(ObservedTask::taskId).toList());
        assertEquals(List.of(), observed.networks());
    }

    @Test
    void loadBalancersAndNetworksAreObservedApartFromTasks() {
        objects.runContainer(objects.stackLabels(KIND, BerthLabels.KIND_LOAD_BALANCER,
                BerthLabels.LOAD_BALANCER, "edge", SPEC_HASH, "lb-hash"), c -> c);
        String network = objects.createNetwork(objects.stack() + "-backend",
                objects.stackLabels(KIND, BerthLabels.KIND_NETWORK, BerthLabels.NAMESPACE, "backend"));

        ObservedState observed = observeLocal();

        assertEquals(List.of(), observed.tasks());
        var balancer = observed.loadBalancers().getFirst();
        assertEquals(List.of("main", "local", "edge", true),
                List.of(balancer.cluster(), balancer.host(), balancer.name(), balancer.running()));
        // Not HAProxy: no admin socket answers, so it is seen running no configuration of berth's
        // (the label is not believed), which the planner reconfigures.
        assertNull(balancer.specHash());
        assertEquals(List.of(), balancer.targets());
        var observedNetwork = observed.networks().getFirst();
        assertEquals(List.of(network, objects.stack() + "-backend", "backend", "local"),
                List.of(observedNetwork.id(), observedNetwork.name(), observedNetwork.namespace(), observedNetwork.host()));
    }

    @Test
    void revisionVolumesAreReadBackAsTheRevisionHistory() {
        String stack = objects.stack();
        String definition = "{\"family\":\"web\",\"containerDefinitions\":[]}";
        objects.createVolume("berth." + stack + ".taskdef.web.1", Map.of(BerthLabels.STACK, stack, KIND, "revision",
                FAMILY, "web", REVISION, "1", SPEC_HASH, "h1", BerthLabels.DEPLOYED_AT, "2026-03-01T08:00:00Z",
                BerthLabels.DEFINITION, definition));
        RevisionRecord second = new RevisionRecord("web", 2, "h2", definition, Instant.parse("2026-03-02T08:00:00Z"));
        objects.createVolume(RevisionVolumes.volumeName(stack, "web", 2), RevisionVolumes.labels(stack, second));
        objects.createVolume("berth." + stack + ".taskdef.web.3", Map.of(BerthLabels.STACK, stack, KIND, "revision",
                FAMILY, "web", REVISION, "three"));

        ObservedState observed = observeLocal();

        assertEquals(List.of(new RevisionRecord("web", 1, "h1", definition, Instant.parse("2026-03-01T08:00:00Z")),
                second), observed.revisions());
        assertEquals(List.of("ignored revision volume berth." + stack + ".taskdef.web.3 on local: missing "
                + "berth.spec-hash, berth.deployed-at, berth.definition"), observed.warnings());
    }

    @Test
    void anEngineSharedByTwoClustersIsReadOnceAndSplitByClusterLabel() {
        Map<String, String> inA = taskLabels("in-a", "app");
        inA.put(CLUSTER, "a");
        Map<String, String> inB = taskLabels("in-b", "app");
        inB.put(CLUSTER, "b");
        objects.runContainer(inA, c -> c);
        objects.runContainer(inB, c -> c);

        Map<String, Cluster> clusters = new LinkedHashMap<>();
        clusters.put("a", new Cluster(List.of()));
        clusters.put("b", new Cluster(List.of()));
        ObservedState observed = observer.observe(stackOn(clusters));

        assertEquals(List.of("a", "b"), observed.hosts().stream().map(ObservedHost::cluster).toList());
        assertEquals(List.of("in-a:a", "in-b:b"),
                observed.tasks().stream().map(t -> t.taskId() + ":" + t.cluster()).toList());
    }

    @Test
    void anUnreachableHostIsReportedQuicklyWhileTheOthersAreObserved() {
        objects.runContainer(taskLabels("still-seen", "app"), c -> c);
        Map<String, Cluster> clusters = new LinkedHashMap<>();
        clusters.put("main", new Cluster(List.of(new Host("here", local.toString(), Map.of(), null, null, null))));
        clusters.put("far", new Cluster(List.of(new Host("nowhere", "tcp://127.0.0.1:1", Map.of(), null, null, null))));

        long started = System.nanoTime();
        ObservedState observed = observer.observe(stackOn(clusters));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, took.toString());
        ObservedHost nowhere = observed.hosts().get(1);
        assertEquals(List.of("nowhere", false, "connection refused"),
                List.of(nowhere.name(), nowhere.reachable(), nowhere.error()));
        assertNull(nowhere.info());
        assertTrue(observed.hosts().getFirst().reachable());
        assertEquals(List.of("still-seen:here"), observed.tasks().stream().map(t -> t.taskId() + ":" + t.host()).toList());
    }

    @Test
    void aTlsHostWithoutCertificatesIsUnreachableWithTheReason() {
        ObservedState observed = new StackObserver(clients, new ClusterHosts(
                Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/nonexistent/berth-certs")))
                .observe(stackOn(Map.of("secure", new Cluster(List.of(new Host("h", "tcp://127.0.0.1:1", Map.of(), null, null, null))))));

        ObservedHost host = observed.hosts().getFirst();
        assertFalse(host.reachable());
        assertTrue(host.error().contains("/nonexistent/berth-certs"), host.error());
    }

    @Test
    void healthOfAContainerWithAHealthCheckIsReported() throws InterruptedException {
        String healthy = objects.runContainer(taskLabels("checked", "app"), c -> c.withHealthcheck(new HealthCheck()
                .withTest(List.of("CMD", "true")).withInterval(Duration.ofMillis(200).toNanos())));
        objects.runContainer(taskLabels("unchecked", "app"), c -> c);
        awaitHealthy(healthy);

        Map<String, String> health = new LinkedHashMap<>();
        observeLocal().tasks().forEach(t -> health.put(t.taskId(), t.containers().getFirst().health()));

        assertEquals("healthy", health.get("checked"));
        assertTrue(health.containsKey("unchecked"));
        assertNull(health.get("unchecked"));
    }

    private void awaitHealthy(String containerId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!"healthy".equals(docker.inspectContainerCmd(containerId).exec().getState().getHealth().getStatus())) {
            assertTrue(Instant.now().isBefore(deadline), "container never became healthy");
            Thread.sleep(100);
        }
    }
}
