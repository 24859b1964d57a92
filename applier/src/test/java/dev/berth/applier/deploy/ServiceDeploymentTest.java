package dev.berth.applier.deploy;

import dev.berth.applier.docker.ClusterHost;
import dev.berth.applier.docker.DockerEndpoint;
import dev.berth.applier.events.ApplyEvent;
import dev.berth.planner.Planner;
import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Address;
import dev.berth.planner.plan.Plan;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.ServicePlacement;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment engine's rules alone, against an in-memory task runtime and the plans the
 * planner makes: minimum healthy and maximum percent at every moment, the circuit breaker, a
 * host lost mid-rollout, and the order of registering and draining behind a load balancer. {@code PlanExecutorTest} checks the same on a real engine.
 */
class ServiceDeploymentTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");

    @TempDir
    Path dir;

    private final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aReplacementAtOneHundredAndTwoHundredPercentNeverRunsFewerThanDesiredHealthyNorMoreThanDouble()
            throws IOException {
        Scenario scenario = new Scenario(6, "{minimumHealthyPercent: 100, maximumPercent: 200}");
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> true);

        Outcome outcome = scenario.deploy(runtime);

        assertTrue(outcome.ok(), outcome.reason());
        assertEquals(6, outcome.started());
        assertEquals(6, outcome.stopped());
        assertEquals(Set.copyOf(scenario.starts()), runtime.taskIds());
        assertTrue(runtime.minHealthy() >= 6, "healthy went down to " + runtime.minHealthy());
        assertTrue(runtime.maxRunning() <= 12, "running went up to " + runtime.maxRunning());
    }

    @Test
    void aReplacementAtFiftyAndOneHundredPercentStopsFirstAndStaysWithinBothBounds() throws IOException {
        Scenario scenario = new Scenario(4, "{minimumHealthyPercent: 50, maximumPercent: 100}");
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> true);

        Outcome outcome = scenario.deploy(runtime);

        assertTrue(outcome.ok(), outcome.reason());
        assertEquals(Set.copyOf(scenario.starts()), runtime.taskIds());
        assertEquals(2, runtime.minHealthy());
        assertEquals(4, runtime.maxRunning());
    }

    @Test
    void theCircuitBreakerEndsTheDeploymentAtItsThresholdAndTheOldTasksStay() throws IOException {
        // One new task at a time (125% of 4 is 5), so exactly as many launch as the threshold: tasks
        // started side by side may all be on their way when the third fails.
        Scenario scenario = new Scenario(4, "{minimumHealthyPercent: 100, maximumPercent: 125}");
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> false);

        Outcome outcome = scenario.deploy(runtime);

        assertEquals(Outcome.Status.failed, outcome.status());
        assertTrue(outcome.reason().startsWith("web:1 failed on "), outcome.reason());
        assertTrue(outcome.reason().contains(": 3 tasks did not become healthy (essential container app exited"),
                outcome.reason());
        assertEquals(3, runtime.launches().size(), "the breaker trips at max(3, ceil(4 / 2)) = 3: " + runtime.launches());
        assertEquals(Set.copyOf(scenario.old()), runtime.taskIds(), "failed new tasks are removed, old ones kept");
        assertTrue(runtime.minHealthy() >= 4);
    }

    @Test
    void aFailedTaskIsReplacedOnItsHostUnderANumberedIdAndTheDeploymentGoesOn() throws IOException {
        Scenario scenario = new Scenario(3, "{minimumHealthyPercent: 100, maximumPercent: 200}");
        String first = scenario.starts().getFirst();
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> !spec.taskId().equals(first));

        Outcome outcome = scenario.deploy(runtime);

        assertTrue(outcome.ok(), outcome.reason());
        assertTrue(runtime.launches().contains(first + "-r1"), runtime.launches().toString());
        assertTrue(runtime.taskIds().contains(first + "-r1"));
        assertTrue(events.stream().anyMatch(e -> e.type() == ApplyEvent.Type.taskFailed
                && e.message().startsWith(first + " on ")), events.toString());
    }

    @Test
    void aHostLostMidRolloutFailsOnlyItsPartAndTheOtherHostsStillGetTheirTasks() throws IOException {
        Scenario scenario = new Scenario(6, "{minimumHealthyPercent: 50, maximumPercent: 100}");
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> true).loseHostAfterItsFirstLaunch("h2");

        Outcome outcome = scenario.deploy(runtime);

        assertEquals(Outcome.Status.failed, outcome.status());
        assertTrue(outcome.reason().startsWith("h2 does not answer (connection refused): web's part on h2 failed"),
                outcome.reason());
        assertEquals(1, runtime.launches().stream().filter(id -> scenario.hostOf(id).equals("h2")).count(),
                "no retry on a lost host: " + runtime.launches());
        assertTrue(runtime.minHealthy() >= 3, "minimum healthy held while h2 went away: " + runtime.minHealthy());
    }

    @Test
    void behindALoadBalancerANewTaskGetsRequestsOnlyOnceHealthyAndAnOldOneIsDrainedBeforeItStops() throws IOException {
        Scenario scenario = new Scenario(6, "{minimumHealthyPercent: 100, maximumPercent: 200}", true);
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> true);
        InMemoryLoadBalancer balancer = new InMemoryLoadBalancer(runtime, taskId -> true).serving(scenario.old());

        Outcome outcome = scenario.deploy(runtime, balancer);

        assertTrue(outcome.ok(), outcome.reason());
        assertEquals(List.of(), balancer.violations());
        assertEquals(Set.copyOf(scenario.starts()), balancer.inService());
        assertTrue(balancer.minInService() >= 6, "requests went to as few as " + balancer.minInService());
        List<String> events = balancer.events();
        for (String old : scenario.old()) {
            int drain = events.indexOf("drain " + old);
            int stop = events.indexOf("stop " + old);
            int forget = events.indexOf("forget " + old);
            assertTrue(drain >= 0 && drain < stop && stop < forget, old + ": drain, stop, forget in " + events);
        }
    }

    @Test
    void aTaskTheLoadBalancerFindsUnhealthyIsReplacedAndTheBreakerCountsIt() throws IOException {
        Scenario scenario = new Scenario(3, "{minimumHealthyPercent: 100, maximumPercent: 200}", true);
        String first = scenario.starts().getFirst();
        InMemoryTaskRuntime runtime = scenario.runtime(spec -> true);
        InMemoryLoadBalancer balancer = new InMemoryLoadBalancer(runtime, taskId -> !taskId.equals(first))
                .serving(scenario.old());

        Outcome outcome = scenario.deploy(runtime, balancer);

        assertTrue(outcome.ok(), outcome.reason());
        assertEquals(List.of(), balancer.violations());
        assertTrue(balancer.inService().contains(first + "-r1"), balancer.inService().toString());
        assertFalse(runtime.taskIds().contains(first), "the task the load balancer refused is stopped");
        assertTrue(events.stream().anyMatch(e -> e.type() == ApplyEvent.Type.taskFailed && e.message()
                .contains(first + " on ") && e.message().contains("not healthy on load balancer public")), events.toString());

        Scenario refused = new Scenario(4, "{minimumHealthyPercent: 100, maximumPercent: 200}", true);
        InMemoryTaskRuntime second = refused.runtime(spec -> true);
        InMemoryLoadBalancer none = new InMemoryLoadBalancer(second, taskId -> false).serving(refused.old());
        Outcome tripped = refused.deploy(second, none);
        assertEquals(Outcome.Status.failed, tripped.status());
        assertEquals(Set.copyOf(refused.old()), none.inService(), "the old tasks keep getting every request");
        assertEquals(List.of(), none.violations());
    }

    /** A service of {@code count} tasks spread over h1..h3, all running an old revision, being replaced. */
    private final class Scenario {
        private final PlannedChange change;
        private final List<ObservedTask> old;

        Scenario(int count, String deployment) throws IOException {
            this(count, deployment, false);
        }

        Scenario(int count, String deployment, boolean behindLoadBalancer) throws IOException {
            Stack stack = stack(count, deployment, behindLoadBalancer);
            old = IntStream.range(0, count)
                    .mapToObj(i -> task("old-" + i, HOSTS.get(i % HOSTS.size())))
                    .toList();
            List<ObservedHost> hosts = HOSTS.stream().map(h -> new ObservedHost("main", h, "unix:///nowhere/" + h,
                    true, null, new ObservedHost.HostInfo(8, 16L << 30, "linux", "x86_64", "27"))).toList();
            Plan plan = Planner.plan(stack, new ObservedState(stack.stack(), hosts, old, List.of(), List.of(),
                    List.of()));
            change = plan.changes().stream().filter(c -> c.address().equals(new Address(Address.Kind.service, "web")))
                    .findFirst().orElseThrow();
        }

        InMemoryTaskRuntime runtime(Predicate<dev.berth.applier.task.TaskSpec> becomesHealthy) {
            InMemoryTaskRuntime runtime = new InMemoryTaskRuntime(becomesHealthy);
            old.forEach(t -> runtime.running(t.taskId(), t.host()));
            return runtime;
        }

        Outcome deploy(InMemoryTaskRuntime runtime) {
            return deploy(runtime, TargetRegistry.NONE);
        }

        Outcome deploy(InMemoryTaskRuntime runtime, TargetRegistry targets) {
            Map<String, ClusterHost> hosts = HOSTS.stream().collect(Collectors.toMap(h -> h,
                    h -> new ClusterHost("main", h, DockerEndpoint.parse("unix:///nowhere/" + h, Map.of()))));
            NewTasks newTasks = new NewTasks("shop", "web", change.service().launch(),
                    old.stream().map(ObservedTask::taskId).collect(Collectors.toSet()));
            return new ServiceDeployment(runtime, targets, events::add).deploy(change,
                    new DeploymentTarget("shop", hosts, newTasks, change.service().breaker()));
        }

        List<String> starts() {
            return change.service().placement().starts().stream().map(ServicePlacement.TaskStart::taskId).toList();
        }

        List<String> old() {
            return old.stream().map(ObservedTask::taskId).toList();
        }

        String hostOf(String taskId) {
            return change.service().placement().starts().stream().filter(s -> taskId.startsWith(s.taskId()))
                    .map(ServicePlacement.TaskStart::host).findFirst().orElse("?");
        }

        private Stack stack(int count, String deployment, boolean behindLoadBalancer) throws IOException {
            String yaml = """
                    version: 1
                    stack: shop
                    clusters:
                      main:
                        hosts:
                          - {name: h1, endpoint: "unix:///nowhere/h1", address: 10.0.0.1}
                          - {name: h2, endpoint: "unix:///nowhere/h2", address: 10.0.0.2}
                          - {name: h3, endpoint: "unix:///nowhere/h3", address: 10.0.0.3}
                    taskDefinitions:
                      web:
                        memory: 64
                        containerDefinitions:
                          - {name: app, image: "berth/busybox:1", command: [sleep, "3600"], portMappings: [{containerPort: 8080}]}
                    services:
                      web:
                        cluster: main
                        taskDefinition: web
                        desiredCount: %d
                        deploymentConfiguration: %s
                    """.formatted(count, deployment);
            if (behindLoadBalancer) {
                yaml += """
                            loadBalancers: [{loadBalancerName: public, containerName: app, containerPort: 8080}]
                        loadBalancers:
                          public: {cluster: main, listeners: [{port: 80}]}
                        """;
            }
            LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), yaml),
                    VariableInputs.none());
            if (!loaded.valid()) {
                throw new IllegalStateException(loaded.diagnostics().toString());
            }
            return loaded.canonical();
        }

        private static ObservedTask task(String id, String host) {
            Map<String, String> labels = Map.of(BerthLabels.STACK, "shop", BerthLabels.SERVICE, "web",
                    BerthLabels.FAMILY, "web", BerthLabels.TASK, id, BerthLabels.SPEC_HASH, "sha256:old");
            return new ObservedTask(id, "main", host, "web", "web", 0, "sha256:old", List.of(new ObservedContainer(
                    id + "-app", id + "-app", "app", "running", null, null, labels, List.of(), null)));
        }
    }
}
