package dev.berth.planner.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.planner.observed.BerthLabels;
import dev.berth.planner.observed.ObservedContainer;
import dev.berth.planner.observed.ObservedHost;
import dev.berth.planner.observed.ObservedLoadBalancer;
import dev.berth.planner.observed.ObservedState;
import dev.berth.planner.observed.ObservedTarget;
import dev.berth.planner.observed.ObservedTask;
import dev.berth.planner.plan.Action;
import dev.berth.planner.plan.HostRef;
import dev.berth.planner.plan.LoadBalancerDetail;
import dev.berth.planner.plan.LoadBalancerDetail.Target;
import dev.berth.planner.plan.LoadBalancerDetail.TargetChange;
import dev.berth.planner.plan.PlannedChange;
import dev.berth.planner.plan.Reason;
import dev.berth.planner.plan.ReasonCode;
import dev.berth.schema.LoadedStack;
import dev.berth.schema.StackLoader;
import dev.berth.schema.model.Stack;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One load balancer on h1 and h2 in front of web, whose tasks run on h1..h3. */
class LoadBalancerPlannerTest {
    private static final HostRef H1 = new HostRef("main", "h1");
    private static final HostRef H2 = new HostRef("main", "h2");
    private static final HostRef H3 = new HostRef("main", "h3");

    @TempDir
    Path dir;

    private Stack stack(String listeners) throws IOException {
        String yaml = """
                version: 1
                stack: shop
                clusters:
                  main:
                    hosts:
                      - {name: h1, endpoint: "tcp://10.0.0.1:2375"}
                      - {name: h2, endpoint: "tcp://10.0.0.2:2375"}
                      - {name: h3, endpoint: "tcp://10.0.0.3:2375"}
                loadBalancers:
                  public:
                    cluster: main
                    hosts: [h1, h2]
                    listeners: %s
                taskDefinitions:
                  web:
                    containerDefinitions:
                      - {name: app, image: "berth/busybox:1", portMappings: [{containerPort: 8080}]}
                services:
                  web:
                    cluster: main
                    taskDefinition: web
                    desiredCount: 2
                    loadBalancers: [{loadBalancerName: public, containerName: app, containerPort: 8080}]
                """.formatted(listeners);
        LoadedStack loaded = StackLoader.load(Files.writeString(dir.resolve("stack.yaml"), yaml), VariableInputs.none());
        if (!loaded.valid()) {
            throw new IllegalStateException(loaded.diagnostics().toString());
        }
        return loaded.canonical();
    }

    private static ObservedState observed(List<ObservedTask> tasks, ObservedLoadBalancer... loadBalancers) {
        List<ObservedHost> hosts = List.of(H1, H2, H3).stream()
                .map(h -> new ObservedHost("main", h.host(), "tcp://" + h.host(), true, null, null)).toList();
        return new ObservedState("shop", hosts, tasks, List.of(), List.of(), List.of(loadBalancers));
    }

    private static ObservedTask task(String id, String host, int hostPort, String state) {
        ObservedContainer app = new ObservedContainer("c-" + id, id + "-app", "app", state, null, null,
                Map.of(BerthLabels.CONTAINER, "app"),
                List.of(new ObservedContainer.PublishedPort(8080, hostPort, "tcp")), null);
        return new ObservedTask(id, "main", host, "web", "web", 1, "sha256:web", List.of(app));
    }

    private static ObservedLoadBalancer container(HostRef host, String hash, boolean running, ObservedTarget... targets) {
        return new ObservedLoadBalancer("main", host.host(), "public", "lb-" + host.host(), hash, LoadBalancerImage.NAME,
                running, List.of(targets));
    }

    private static ObservedTarget target(String taskId, int port) {
        return new ObservedTarget("web", taskId, "10.0.0.3", port, "UP", "L7OK", 0, 0);
    }

    private static String hash(Stack stack) {
        return LoadBalancerSpecHash.of(stack.loadBalancers().get("public"), LoadBalancerPlanner.backends(stack, "public"), null);
    }

    private static PlannedChange plan(Stack stack, ObservedState observed) {
        return LoadBalancerPlanner.plan(stack, observed).getFirst();
    }

    @Test
    void aNewLoadBalancerIsCreatedOnItsHostsWithTheRunningTasksAsTargets() throws IOException {
        Stack stack = stack("[{port: 80}]");
        List<ObservedTask> tasks = List.of(task("web-1-a", "h1", 32768, "running"), task("web-1-b", "h3", 32769, "running"),
                task("web-1-c", "h2", 32770, "exited"));

        PlannedChange change = plan(stack, observed(tasks));

        assertEquals(Action.create, change.action());
        assertEquals(List.of(Reason.of(ReasonCode.LOAD_BALANCER_NEW, "hosts", List.of("h1", "h2"),
                "listeners", List.of("80/http"))), change.reasons());
        LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
        assertEquals(List.of(H1, H2), detail.create());
        assertEquals(List.of(new Target("web", "web-1-a", H1, 32768), new Target("web", "web-1-b", H3, 32769)),
                detail.targets());
        assertEquals(List.of(new LoadBalancerDetail.Backend("web", "app", 8080)), detail.backends());
    }

    @Test
    void runningContainersWithTheirTargetsAreNoChange() throws IOException {
        Stack stack = stack("[{port: 80}]");
        ObservedTarget a = target("web-1-a", 32768);

        PlannedChange change = plan(stack, observed(List.of(task("web-1-a", "h1", 32768, "running")),
                container(H1, hash(stack), true, a), container(H2, hash(stack), true, a)));

        assertEquals(Action.noop, change.action());
    }

    @Test
    void aNewConfigurationIsReloadedInPlaceAndAStoppedContainerRecreated() throws IOException {
        Stack before = stack("[{port: 80}]");
        Stack after = stack("[{port: 80}, {port: 8443, protocol: tcp}]");

        PlannedChange change = plan(after, observed(List.of(), container(H1, hash(before), true),
                container(H2, hash(after), false)));

        assertEquals(Action.replace, change.action());
        LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
        assertEquals(List.of(H1), detail.reload());
        assertEquals(List.of(H2), detail.recreate());
        assertEquals(List.of(ReasonCode.LOAD_BALANCER_CHANGED, ReasonCode.LOAD_BALANCER_STOPPED),
                change.reasons().stream().map(Reason::code).toList());
        assertEquals("configuration changed: reload it on h1, keeping every connection",
                change.reasons().getFirst().message());
    }

    @Test
    void targetsFollowTheTasksThatRun() throws IOException {
        Stack stack = stack("[{port: 80}]");
        ObservedState state = observed(List.of(task("web-1-a", "h1", 32768, "running"),
                        task("web-1-b", "h3", 32769, "running")),
                container(H1, hash(stack), true, target("web-1-a", 32768), target("web-1-dead", 32700)),
                container(H2, hash(stack), true, target("web-1-a", 32768), target("web-1-b", 32769)));

        PlannedChange change = plan(stack, state);

        assertEquals(Action.update, change.action());
        LoadBalancerDetail detail = (LoadBalancerDetail) change.detail();
        assertEquals(List.of(new TargetChange(H1, new Target("web", "web-1-b", H3, 32769))), detail.register());
        assertEquals(List.of(new TargetChange(H1, new Target("web", "web-1-dead", H1, 32700))), detail.deregister());
        assertEquals("register 1 target it lacks: web-1-b (h3:32769)", change.reasons().getFirst().message());
    }

    @Test
    void aLoadBalancerNoLongerDeclaredOrOnAHostNoLongerNamedIsRemoved() throws IOException {
        Stack stack = stack("[{port: 80}]");
        ObservedState state = observed(List.of(), container(H1, hash(stack), true), container(H2, hash(stack), true),
                container(H3, hash(stack), true),
                new ObservedLoadBalancer("main", "h1", "old", "lb-old", "sha256:x", LoadBalancerImage.NAME, true,
                        List.of()));

        List<PlannedChange> changes = LoadBalancerPlanner.plan(stack, state);

        assertEquals(List.of("public", "old"), changes.stream().map(c -> c.address().name()).toList());
        assertEquals(List.of(H3), ((LoadBalancerDetail) changes.getFirst().detail()).remove());
        assertEquals(Action.delete, changes.getLast().action());
        assertEquals(List.of(H1), ((LoadBalancerDetail) changes.getLast().detail()).remove());
    }
}
