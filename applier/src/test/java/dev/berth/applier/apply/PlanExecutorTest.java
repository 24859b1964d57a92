package dev.berth.applier.apply;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.applier.deploy.Outcome;
import dev.berth.applier.docker.ClusterHosts;
import dev.berth.applier.docker.DockerClients;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.applier.loadbalancer.LoadBalancerRuntime;
import dev.berth.applier.lock.LeaseGuard;
import dev.berth.applier.network.StackNetworks;
import dev.berth.applier.observe.StackObserver;
import dev.berth.applier.registry.RevisionRegistry;
import dev.berth.applier.task.DockerTaskRuntime;
import dev.berth.applier.task.ImagePreflight;
import dev.berth.applier.task.RegistryLogins;
import dev.berth.applier.task.SecretResolver;
import dev.berth.applier.testing.LabelledObjects;
import dev.berth.applier.testing.RequiresDocker;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Plan;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applies real stacks to the local engine: tasks run busybox httpd with the shortest health checks the schema allows (5 s). */
@ExtendWith(RequiresDocker.class)
class PlanExecutorTest {
    private static final String HEALTHY = "wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1";
    private static final String NEVER_HEALTHY = "exit 1";

    private final DockerClients clients = new DockerClients();
    private final ClusterHosts clusterHosts = new ClusterHosts(System.getenv());
    private final StackObserver observer = new StackObserver(clients, clusterHosts);
    private final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());
    private DockerClient docker;
    private LabelledObjects objects;
    private PlanExecutor executor;
    @TempDir
    Path dir;

    @BeforeEach
    void engine() {
        docker = clients.client(DockerEndpoint.defaultEndpoint(System.getenv()));
        objects = new LabelledObjects(docker);
        executor = new PlanExecutor(new DockerTaskRuntime(clients, new SecretResolver(Map.of()), 8), observer,
                clusterHosts, new RevisionRegistry(clients, Clock.systemUTC()), new StackNetworks(clients),
                new ImagePreflight(clients, Duration.ofMinutes(1), new RegistryLogins(Map.of("DOCKER_CONFIG", dir.toString()), new SecretResolver(Map.of()))),
                new LoadBalancerRuntime(clients, new SecretResolver(Map.of()), objects.stack()), events::add,
                LeaseGuard.NONE);
    }

    @AfterEach
    void removeStack() {
        try (clients) {
            String label = BerthLabels.STACK + "=" + objects.stack();
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(BerthLabels.STACK, objects.stack())).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of(label)).exec()
                    .forEach(n -> StackNetworks.removeById(docker, n.getId()));
            var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
            (volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes)
                    .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
            objects.close();
        }
    }

    @Test
    void createsTwoServicesThenPlansNothingAndScalesInPlace() throws IOException {
        ApplyResult created = apply(stack(service("web", 2, "v1", HEALTHY), service("worker", 1, "v1", HEALTHY)),
                new ApplyOptions(false));
        assertTrue(created.succeeded(), created.failures().toString());
        assertEquals(3, created.started());
        assertEquals(Map.of("web", 2, "worker", 1), runningByService());
        assertFalse(plan(stack(service("web", 2, "v1", HEALTHY), service("worker", 1, "v1", HEALTHY)))
                .hasChanges());

        Set<String> before = containerIds("web");
        assertTrue(apply(stack(service("web", 3, "v1", HEALTHY), service("worker", 1, "v1", HEALTHY)),
                new ApplyOptions(false)).succeeded());
        Set<String> scaledUp = containerIds("web");
        assertEquals(3, scaledUp.size());
        assertTrue(scaledUp.containsAll(before), "running tasks untouched when scaling up");

        assertTrue(apply(stack(service("web", 1, "v1", HEALTHY), service("worker", 1, "v1", HEALTHY)),
                new ApplyOptions(false)).succeeded());
        Set<String> scaledDown = containerIds("web");
        assertEquals(1, scaledDown.size());
        assertTrue(scaledUp.containsAll(scaledDown), "the remaining task is one that ran before");
    }

    @Test
    void rollingReplacementStaysWithinMinimumHealthyAndMaximumPercent() throws Exception {
        String deployment = "{minimumHealthyPercent: 50, maximumPercent: 150}";
        assertTrue(apply(stack(service("web", 2, "v1", HEALTHY).with(deployment)), new ApplyOptions(false)).succeeded());
        Set<String> v1 = containerIds("web");

        List<int[]> samples = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofVirtual().start(() -> {
            while (sampling.get()) {
                List<Container> web = containers("web");
                samples.add(new int[]{(int) web.stream().filter(c -> "running".equals(c.getState())).count(),
                        (int) web.stream().filter(c -> c.getStatus().contains("(healthy)")).count()});
                sleep(100);
            }
        });
        ApplyResult replaced = apply(stack(service("web", 2, "v2", HEALTHY).with(deployment)), new ApplyOptions(false));
        sampling.set(false);
        sampler.join();

        assertTrue(replaced.succeeded(), replaced.failures().toString());
        assertEquals(2, replaced.started());
        assertEquals(2, replaced.stopped());
        Set<String> v2 = containerIds("web");
        assertEquals(2, v2.size());
        assertTrue(Collections.disjoint(v1, v2), "every task was replaced");
        assertTrue(samples.size() > 10, "sampled " + samples.size() + " times");
        // desiredCount 2: at most floor(2 * 150%) = 3 running, at least ceil(2 * 50%) = 1 healthy
        assertTrue(samples.stream().allMatch(s -> s[0] <= 3), "running never above 3");
        assertTrue(samples.stream().allMatch(s -> s[1] >= 1), "healthy never below 1");
        assertTrue(samples.stream().anyMatch(s -> s[0] == 3), "the rollout used the surge it is allowed");
    }

    @Test
    void circuitBreakerRollsBackARevisionThatNeverBecomesHealthy() throws IOException {
        String breaker = "{deploymentCircuitBreaker: {enable: true, rollback: true}}";
        assertTrue(apply(stack(service("web", 2, "v1", HEALTHY).with(breaker)), new ApplyOptions(false)).succeeded());
        Set<String> v1 = containerIds("web");

        ApplyResult result = apply(stack(service("web", 2, "v2", NEVER_HEALTHY).with(breaker)), new ApplyOptions(false));

        assertFalse(result.succeeded());
        Outcome web = outcome(result, "service.web");
        assertEquals(Outcome.Status.rolledBack, web.status());
        // Both tasks of the step fail at once, so the count may pass the threshold of 3 by the one in flight.
        assertTrue(web.describe().matches("service web: web:2 failed on \\S+: [34] tasks did not become healthy \\(essential"
                + " container app is unhealthy\\); rolled back to web:1 \\(2 tasks\\)"), web.describe());
        assertEquals(v1, containerIds("web"), "the old tasks kept running, none of the new remain");
        assertTrue(events.stream().filter(e -> e.type() == ApplyEvent.Type.taskFailed).count() >= 3);
    }

    @Test
    void atomicRollsBackEveryServiceTheApplyChanged() throws IOException {
        assertTrue(apply(stack(service("web", 1, "v1", HEALTHY), service("api", 1, "v1", HEALTHY)),
                new ApplyOptions(false)).succeeded());
        Set<String> web1 = containerIds("web");
        Set<String> api1 = containerIds("api");

        ApplyResult result = apply(stack(service("web", 1, "v2", HEALTHY), service("api", 1, "v2", NEVER_HEALTHY),
                service("extra", 1, "v1", HEALTHY)), new ApplyOptions(true));

        assertFalse(result.succeeded());
        assertEquals(Outcome.Status.rolledBack, outcome(result, "service.web").status());
        assertEquals(Outcome.Status.rolledBack, outcome(result, "service.api").status());
        assertEquals(Outcome.Status.rolledBack, outcome(result, "service.extra").status());
        assertTrue(outcome(result, "service.web").reason().endsWith("rolled back to web:1 (1 tasks)"),
                outcome(result, "service.web").reason());
        assertEquals(Set.of("web", "api"), runningByService().keySet());
        assertEquals(revisionsOf("web"), Set.of(1));
        assertEquals(revisionsOf("api"), Set.of(1));
        assertFalse(web1.equals(containerIds("web")), "web ran v2 before --atomic put v1 back");
        assertEquals(api1, containerIds("api"), "api never got a healthy v2 task, so its v1 task stayed");
    }

    @Test
    void deletesAServiceRemovedFromTheStack() throws IOException {
        assertTrue(apply(stack(service("web", 1, "v1", HEALTHY), service("worker", 2, "v1", HEALTHY)),
                new ApplyOptions(false)).succeeded());

        ApplyResult result = apply(stack(service("web", 1, "v1", HEALTHY)), new ApplyOptions(false));

        assertTrue(result.succeeded(), result.failures().toString());
        assertEquals(2, outcome(result, "service.worker").stopped());
        assertEquals(Map.of("web", 1), runningByService());
        assertTrue(containers("worker").isEmpty());
    }

    private ApplyResult apply(Path stackFile, ApplyOptions options) {
        Stack stack = load(stackFile);
        ObservedState observed = observer.observe(stack);
        return executor.execute(stack, observed, Planner.plan(stack, observed), options);
    }

    private Plan plan(Path stackFile) {
        Stack stack = load(stackFile);
        return Planner.plan(stack, observer.observe(stack));
    }

    private static Stack load(Path stackFile) {
        LoadedStack loaded = StackLoader.load(stackFile, VariableInputs.none());
        assertTrue(loaded.valid(), loaded.diagnostics().toString());
        return loaded.canonical();
    }

    /** A stack with one task definition family per service, named like it. */
    private Path stack(Svc... services) throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: " + objects.stack()
                + "\nclusters:\n  local: {}\ntaskDefinitions:\n");
        for (Svc s : services) {
            yaml.append("""
                      %1$s:
                        containerDefinitions:
                          - name: app
                            image: berth/busybox:1
                            command: [sh, -c, 'echo ok > /tmp/index.html; trap "exit 0" TERM; httpd -f -p 8080 -h /tmp & wait']
                            environment: {VERSION: %2$s}
                            stopTimeout: 1
                            healthCheck: {command: [CMD-SHELL, '%3$s'], interval: 5, timeout: 2, retries: 1}
                    """.formatted(s.name, s.version, s.healthCheck));
        }
        yaml.append("services:\n");
        for (Svc s : services) {
            yaml.append("""
                      %1$s:
                        cluster: local
                        taskDefinition: %1$s
                        desiredCount: %2$d
                    """.formatted(s.name, s.count)).append(s.deployment);
        }
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private record Svc(String name, int count, String version, String healthCheck, String deployment) {
        Svc with(String deploymentConfiguration) {
            return new Svc(name, count, version, healthCheck, "    deploymentConfiguration: " + deploymentConfiguration + "\n");
        }
    }

    private static Svc service(String name, int count, String version, String healthCheck) {
        return new Svc(name, count, version, healthCheck, "");
    }

    private Outcome outcome(ApplyResult result, String address) {
        return result.outcomes().stream().filter(o -> o.address().toString().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + address + " in " + result.outcomes()));
    }

    private Map<String, Integer> runningByService() {
        return observer.observe(loadQuietly()).tasks().stream().filter(ObservedTask::running)
                .collect(Collectors.groupingBy(ObservedTask::service, Collectors.summingInt(t -> 1)));
    }

    private Set<Integer> revisionsOf(String service) {
        return observer.observe(loadQuietly()).tasks().stream().filter(t -> service.equals(t.service()))
                .map(ObservedTask::revision).collect(Collectors.toSet());
    }

    private Stack loadQuietly() {
        return load(dir.resolve("stack.yaml"));
    }

    private List<Container> containers(String service) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(BerthLabels.STACK, objects.stack(), BerthLabels.SERVICE, service)).exec();
    }

    private Set<String> containerIds(String service) {
        return containers(service).stream().filter(c -> "running".equals(c.getState())).map(Container::getId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
